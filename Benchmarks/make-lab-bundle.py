#!/usr/bin/env python3
"""A FHIR R4 Bundle of N lab Observations for timing `krtplan labs import` (docs/performance.md).

Usage: Benchmarks/make-lab-bundle.py N OUT.json
One patient; potassium, phosphate (mmol/L or mg/dL, alternating) and magnesium every 5 minutes back from
2026-12-01T08:00:00+01:00, so every result is before the anchor and no two results collide.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

count, out = int(sys.argv[1]), sys.argv[2]
start = datetime(2026, 12, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
entries = []
for i in range(count):
    step = i // 3
    phosphate = ("14879-1", 1.1, "mmol/L") if step % 2 == 0 else ("2777-1", 3.4, "mg/dL")
    code, value, unit = [("2823-3", 4.1, "mmol/L"), phosphate, ("2601-3", 0.8, "mmol/L")][i % 3]
    when = start - timedelta(minutes=5 * step + 5)
    entries.append({"fullUrl": f"urn:uuid:obs-{i}", "resource": {
        "resourceType": "Observation", "id": f"obs-{i}", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": "Patient/bench"}, "effectiveDateTime": when.isoformat(),
        "valueQuantity": {"value": round(value + (i % 7) * 0.01, 2), "unit": unit,
                          "system": "http://unitsofmeasure.org", "code": unit}}})
with open(out, "w") as f:
    json.dump({"resourceType": "Bundle", "type": "searchset", "entry": entries}, f)
