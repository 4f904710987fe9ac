#!/usr/bin/env python3
"""Adds up the JUnit XML reports of the build: Surefire's (unit tests) and bnd-testing's (in-framework
tests, one folder per framework run, which bnd prints no count for). Prints a line per kind and a
closing line 'tests: N passed, N failed, N skipped'. The sandbox's integration tests run the built jar
and report through Surefire too. Exits 1 when a test failed or when no test ran."""
import glob
import sys
import xml.etree.ElementTree as ET


def count(paths):
    total = failed = skipped = 0
    for path in paths:
        root = ET.parse(path).getroot()
        suites = [root] if root.tag == 'testsuite' else root.findall('testsuite')
        for suite in suites:
            total += int(suite.get('tests', 0))
            failed += int(suite.get('failures', 0)) + int(suite.get('errors', 0))
            skipped += int(suite.get('skipped', 0))
    return total - failed - skipped, failed, skipped


# Modules sit one or two folders deep (distrib/sandbox).
unit = count(glob.glob('*/target/surefire-reports/TEST-*.xml') + glob.glob('*/*/target/surefire-reports/TEST-*.xml'))
framework_reports = glob.glob('*/target/test-reports/*/TEST-*.xml') + glob.glob('*/*/target/test-reports/*/TEST-*.xml')
runs = sorted(set(p.split('/test-reports/')[1].split('/')[0] for p in framework_reports))
osgi = count(framework_reports)
print(f'unit: {unit[0]} passed, {unit[1]} failed, {unit[2]} skipped')
print(f'osgi ({len(runs)} framework runs: {", ".join(runs)}): {osgi[0]} passed, {osgi[1]} failed, {osgi[2]} skipped')
passed, failed, skipped = (a + b for a, b in zip(unit, osgi))
print(f'tests: {passed} passed, {failed} failed, {skipped} skipped')
sys.exit(1 if failed or passed == 0 else 0)
