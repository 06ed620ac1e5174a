#!/usr/bin/env python3
"""Writes the FHIR fixtures of Tests/KRTImportTests (run from this folder; the output is committed).

Each Observation follows the shape of the FHIR R4 specification's own lab examples
(https://hl7.org/fhir/R4/observation-examples.html): resourceType, id, status, a LOINC code,
subject, effectiveDateTime, issued, valueQuantity with a UCUM unit. Values are invented, plausible
numbers for an ICU patient on CRRT; the patient is fictional.
"""
import json
from datetime import datetime, timedelta, timezone

START = datetime(2026, 12, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
DISPLAY = {
    "2823-3": "Potassium [Moles/volume] in Serum or Plasma",
    "6298-4": "Potassium [Moles/volume] in Blood",
    "14879-1": "Phosphate [Moles/volume] in Serum or Plasma",
    "2777-1": "Phosphate [Mass/volume] in Serum or Plasma",
    "2601-3": "Magnesium [Moles/volume] in Serum or Plasma",
    "19123-9": "Magnesium [Mass/volume] in Serum or Plasma",
    "1994-3": "Calcium.ionized [Moles/volume] in Blood",
    "2951-2": "Sodium [Moles/volume] in Serum or Plasma",
}


def when(hours, utc=False):
    t = START + timedelta(hours=hours)
    if utc:
        return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return t.isoformat()


def obs(oid, code, hours, value, unit, status="final", subject="Patient/icu-bed-7", utc=False, **extra):
    resource = {
        "resourceType": "Observation",
        "id": oid,
        "status": status,
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                   "code": "laboratory", "display": "Laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": code, "display": DISPLAY[code]}]},
        "subject": {"reference": subject},
        "effectiveDateTime": when(hours, utc),
        "issued": when(hours + 1, True).replace("Z", ".000Z"),
    }
    if value is not None:
        resource["valueQuantity"] = {"value": value, "unit": unit, "system": UCUM, "code": unit}
    resource.update(extra)
    return {"fullUrl": f"https://ehr.example.org/fhir/Observation/{oid}", "resource": resource}


def bundle(entries, kind="searchset"):
    return {"resourceType": "Bundle", "type": kind, "total": len(entries), "entry": entries}


entries = [{"fullUrl": "https://ehr.example.org/fhir/Patient/icu-bed-7",
            "resource": {"resourceType": "Patient", "id": "icu-bed-7", "gender": "male"}}]
k = [5.9, 5.6, 5.2, 5.0, 4.8, 4.7, None, 4.5, 4.4, 4.2, 4.1, 4.0, 3.9]
p_mmol = [2.4, 2.2, 2.0, 1.9, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1, 1.05, 0.98]
mg_mmol = [0.98, 0.95, 0.93, 0.9, 0.88, 0.86, 0.84, 0.82, 0.8, 0.78, 0.76, 0.74, 0.72]
for i, hours in enumerate(range(-72, 1, 6)):
    utc = i % 3 == 1
    if k[i] is not None:
        entries.append(obs(f"k{i}", "2823-3", hours, k[i], "mmol/L", utc=utc))
    if i % 2 == 0:
        entries.append(obs(f"p{i}", "14879-1", hours, p_mmol[i], "mmol/L", utc=utc))
    else:  # the same level reported in mg/dL of phosphorus (1 mg/dL = 0.3229 mmol/L)
        entries.append(obs(f"p{i}", "2777-1", hours, round(p_mmol[i] / 0.32289, 1), "mg/dL", utc=utc))
    if i == 4:  # the public pairing of 2601-3 with mg/dL: reported, converted by the unit
        entries.append(obs(f"mg{i}", "2601-3", hours, 2.1, "mg/dL", utc=utc))
    elif i == 5:
        entries.append(obs(f"mg{i}", "2601-3", hours, 1.72, "meq/L", utc=utc))
    elif i % 3 == 0:
        entries.append(obs(f"mg{i}", "19123-9", hours, round(mg_mmol[i] * 2.4305, 1), "mg/dL", utc=utc))
    else:
        entries.append(obs(f"mg{i}", "2601-3", hours, mg_mmol[i], "mmol/L", utc=utc))
# -36 h: the original potassium (k6) and its correction: same id, versions 1 and 2.
original = obs("k6", "2823-3", -36, 6.4, "mmol/L")
original["resource"]["meta"] = {"versionId": "1", "lastUpdated": when(-35, True)}
corrected = obs("k6", "2823-3", -36, 4.6, "mmol/L", status="corrected",
                note=[{"text": "Corrected: result entered against the wrong sample."}])
corrected["resource"]["meta"] = {"versionId": "2", "lastUpdated": when(-33, True)}
entries += [original, corrected]
# -30 h: a potassium entered in error.
entries.append(obs("k-err", "2823-3", -30, 7.9, "mmol/L", status="entered-in-error"))
# -13 h: a haemolysed potassium (coded on a contained Specimen, HL7 v2-0493 HEM).
entries.append(obs("k-hem", "2823-3", -13, 6.7, "mmol/L",
                   contained=[{"resourceType": "Specimen", "id": "spec-hem",
                               "condition": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0493",
                                                          "code": "HEM", "display": "Hemolyzed"}]}]}],
                   specimen={"reference": "#spec-hem"}))
# -3 h: a blood-gas (whole blood) potassium; ionised calcium from the same gas (display only).
entries.append(obs("k-bga", "6298-4", -3, 4.3, "mmol/L"))
entries.append(obs("ica-bga", "1994-3", -3, 1.12, "mmol/L"))
# -2 h: a preliminary magnesium.
entries.append(obs("mg-prelim", "2601-3", -2, 0.7, "mmol/L", status="preliminary"))
# -1 h: a sodium (not imported) and a censored phosphate reported as text.
entries.append(obs("na0", "2951-2", -1, 138, "mmol/L"))
entries.append(obs("p-text", "14879-1", -1, None, None, valueString="<0.3"))

with open("bundle-72h.json", "w") as f:
    json.dump(bundle(entries), f, indent=1)
    f.write("\n")

two = [obs("a1", "2823-3", -6, 4.1, "mmol/L", subject="Patient/icu-bed-7"),
       obs("b1", "2823-3", -5, 3.8, "mmol/L", subject="Patient/icu-bed-8")]
with open("bundle-two-patients.json", "w") as f:
    json.dump(bundle(two, "collection"), f, indent=1)
    f.write("\n")

single = obs("k-single", "2823-3", -4, 4.2, "mmol/L")["resource"]
with open("observation-potassium.json", "w") as f:
    json.dump(single, f, indent=1)
    f.write("\n")
print(len([e for e in entries if e["resource"]["resourceType"] == "Observation"]), "Observations")
