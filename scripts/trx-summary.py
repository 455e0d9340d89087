"""Prints the test counts of a .trx file as one plain line: 'N passed, N failed, N skipped'."""
import sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
counters = ET.parse(sys.argv[1]).getroot().find("t:ResultSummary/t:Counters", ns)
if counters is None:
    sys.exit("no test counters found in " + sys.argv[1])
passed = int(counters.get("passed", 0))
failed = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
skipped = int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
