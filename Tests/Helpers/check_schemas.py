"""Validates every data file of a workspace against the JSON Schemas in docs/schema.
Usage: check_schemas.py SCHEMA_DIR WORKSPACE_DIR. Prints one line per problem; exit 1 if any."""
import json, os, sys
import jsonschema

schemas, workspace = sys.argv[1], sys.argv[2]
def schema(name):
    with open(os.path.join(schemas, name + ".schema.json"), encoding="utf-8") as f:
        return json.load(f)
files = {"workspace.json": "workspace", "organisation.json": "organisation", "plan.json": "plan",
         "check-template.json": "check-template", "scoring.json": "scoring"}
for folder in ("members", "rectifications", "manual-scores", "bonuses", "development"):
    if not os.path.isdir(os.path.join(workspace, folder)):
        continue
    for name in sorted(os.listdir(os.path.join(workspace, folder))):
        files[folder + "/" + name] = folder
if os.path.exists(os.path.join(workspace, "development-targets.json")):
    files["development-targets.json"] = "development-targets"
if os.path.exists(os.path.join(workspace, "targets.json")):
    files["targets.json"] = "targets"
for folder in ("activities", "checks", "dues", "training", "reviews", "pioneer", "funds"):
    if not os.path.isdir(os.path.join(workspace, folder)):
        continue
    for year in sorted(os.listdir(os.path.join(workspace, folder))):
        for name in sorted(os.listdir(os.path.join(workspace, folder, year))):
            files[folder + "/" + year + "/" + name] = folder
bad = 0
for path, kind in files.items():
    with open(os.path.join(workspace, path), encoding="utf-8") as f:
        doc = json.load(f)
    for error in jsonschema.Draft202012Validator(schema(kind)).iter_errors(doc):
        bad += 1
        print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
print(f"checked {len(files)} files")
sys.exit(1 if bad else 0)
