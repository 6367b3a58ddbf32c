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
# What a schema cannot say: a branch's occurrences are periods of its task's own rhythm (2026-10 for a
# monthly task, 2026-Q4 quarterly, 2026-H2 half-yearly, 2026 yearly).
import re
rhythm = {"month": r"^[0-9]{4}-(0[1-9]|1[0-2])$", "quarter": r"^[0-9]{4}-Q[1-4]$", "halfYear": r"^[0-9]{4}-H[12]$", "year": r"^[0-9]{4}$"}
with open(os.path.join(workspace, "plan.json"), encoding="utf-8") as f:
    plan = json.load(f)
for i, task in enumerate(plan.get("tasks", [])):
    every = (task.get("recurrence") or {}).get("every")
    for j, state in enumerate(task.get("branches", [])):
        for k, done in enumerate(state.get("occurrences", [])):
            if every not in rhythm or not re.match(rhythm[every], done.get("period", "")):
                bad += 1
                print(f"plan.json: tasks/{i}/branches/{j}/occurrences/{k}/period: {done.get('period')!r} is not a period of the task's rhythm ({every})")
print(f"checked {len(files)} files")
sys.exit(1 if bad else 0)
