package dev.kprov.platform.request;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The requests directory: one {@code *.properties} file per request. Each {@link #scan()} returns the
 * requests it holds now and the files newly found bad. A file is parsed again only when its content, or
 * the size or time of a file it refers to, changed; a bad file is tried again on every scan (a file it
 * needs may appear) but reported only when its problem changes. Not thread-safe: one owner calls it.
 */
public final class RequestDirectory {

    /** Enough for a fleet's worth of pending requests; past it, files are reported and skipped. */
    static final int MAX_FILES = 10_000;
    static final String SUFFIX = ".properties";

    /** A file that could not be used, and why (one line, no secret). */
    public record Rejection(Path file, String problem) {
        @Override
        public String toString() {
            return file + ": " + problem;
        }
    }

    /** The requests of the directory by client id, and files newly rejected by this scan. */
    public record Scan(Map<String, RequestFileParser.Parsed> requests, List<Rejection> newRejections) {
    }

    private record Tracked(byte[] contentHash, List<Stamp> stamps, RequestFileParser.Parsed parsed, String problem) {
    }

    private record Stamp(Path file, long size, long modifiedNanos) {
    }

    private final Path directory;
    private final Map<Path, Tracked> tracked = new HashMap<>();
    private final java.util.Set<Path> reportedSkipped = new java.util.HashSet<>();
    private String lastDirectoryProblem;

    public RequestDirectory(Path directory) {
        this.directory = directory;
    }

    public Path path() {
        return directory;
    }

    public Scan scan() {
        List<Rejection> rejections = new ArrayList<>();
        List<Path> files = list(rejections);
        tracked.keySet().retainAll(files);
        Map<String, RequestFileParser.Parsed> requests = new LinkedHashMap<>();
        Map<String, Path> claimedBy = new HashMap<>();
        for (Path file : files) {
            Tracked previous = tracked.get(file);
            Tracked current = refresh(file, previous);
            tracked.put(file, current);
            String problem = current.problem;
            if (current.parsed != null) {
                String clientId = current.parsed.spec().clientId();
                Path owner = claimedBy.putIfAbsent(clientId, file);
                if (owner == null) {
                    requests.put(clientId, current.parsed);
                } else {
                    problem = "client.id " + clientId + " is already requested by " + owner.getFileName();
                    current = new Tracked(current.contentHash, current.stamps, current.parsed, problem);
                    tracked.put(file, current);
                }
            }
            if (problem != null && (previous == null || !problem.equals(previous.problem))) {
                rejections.add(new Rejection(file, problem));
            }
        }
        return new Scan(requests, rejections);
    }

    private Tracked refresh(Path file, Tracked previous) {
        byte[] hash;
        try {
            hash = hash(Fields.readBounded(file, RequestFileParser.MAX_FILE_BYTES, "request file"));
        } catch (InvalidRequestException e) {
            return new Tracked(null, List.of(), null, e.getMessage());
        }
        if (previous != null && previous.parsed != null && previous.problem == null
                && Arrays.equals(hash, previous.contentHash) && previous.stamps.equals(stamps(previous.stamps))) {
            return previous;
        }
        try {
            RequestFileParser.Parsed parsed = RequestFileParser.parse(file);
            List<Stamp> stamps = new ArrayList<>();
            for (Path referenced : parsed.referencedFiles()) {
                stamps.add(stamp(referenced));
            }
            if (previous != null && previous.parsed != null
                    && previous.parsed.digest().equals(parsed.digest())) {
                // Same request (a touch, a comment): keep the old one so that nothing restarts.
                return new Tracked(hash, stamps, previous.parsed, null);
            }
            return new Tracked(hash, stamps, parsed, null);
        } catch (InvalidRequestException e) {
            return new Tracked(hash, List.of(), null, e.getMessage());
        }
    }

    private static List<Stamp> stamps(List<Stamp> previous) {
        List<Stamp> now = new ArrayList<>(previous.size());
        for (Stamp stamp : previous) {
            now.add(stamp(stamp.file));
        }
        return now;
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(file, attributes.size(), attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            return new Stamp(file, -1, -1);
        }
    }

    private List<Path> list(List<Rejection> rejections) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                files.add(file);
            }
            lastDirectoryProblem = null;
        } catch (IOException e) {
            String problem = "cannot list the requests directory (" + e + ")";
            if (!Objects.equals(problem, lastDirectoryProblem)) {
                rejections.add(new Rejection(directory, problem));
                lastDirectoryProblem = problem;
            }
            // Keep what we have: a passing failure must not withdraw every request.
            return new ArrayList<>(tracked.keySet());
        }
        files.sort(null);
        if (files.size() > MAX_FILES) {
            for (Path skipped : files.subList(MAX_FILES, files.size())) {
                if (reportedSkipped.add(skipped)) {
                    rejections.add(new Rejection(skipped, "more than " + MAX_FILES + " request files; skipped"));
                }
            }
            files = new ArrayList<>(files.subList(0, MAX_FILES));
        }
        if (files.size() < MAX_FILES) {
            reportedSkipped.clear();
        }
        return files;
    }

    private static byte[] hash(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
