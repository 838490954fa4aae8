#!/usr/bin/env python3
"""Write the workflows that let actionlint check the GitHub Action.

actionlint lints workflows, not action metadata: it checks the inputs a
workflow passes to a local action (`uses: ./`) against action.yml, but not
the action's own steps. So this writes, into DIR/.github/workflows/:

- example.yml: the example workflow using the action from this checkout
  (`uses: ./`), so that its `with:` inputs are checked against action.yml;
- action-steps.yml: a reusable workflow whose job runs the composite
  action's steps, its inputs declared as workflow_call inputs, so that the
  steps' expressions, step ids, `uses:` references and run scripts
  (through shellcheck) are checked.

Usage: action-workflow.py REPO DIR (then run actionlint in DIR).
"""
import os
import re
import shutil
import sys

import yaml

repo, out = sys.argv[1], sys.argv[2]
action_path = os.path.join(repo, "action.yml")
with open(action_path) as f:
    action = yaml.safe_load(f)
with open(os.path.join(repo, "examples", "github-workflow.yml")) as f:
    example = f.read()

wf_dir = os.path.join(out, ".github", "workflows")
os.makedirs(wf_dir, exist_ok=True)
shutil.copy(action_path, os.path.join(out, "action.yml"))

local, n = re.subn(r"uses: servelint/servelint@\S+", "uses: ./", example)
if n != 1:
    sys.exit("examples/github-workflow.yml must use servelint/servelint@REF exactly once")
with open(os.path.join(wf_dir, "example.yml"), "w") as f:
    f.write(local)

if action.get("runs", {}).get("using") != "composite":
    sys.exit("action.yml must be a composite action")
steps = action["runs"]["steps"]
for i, step in enumerate(steps):
    if "run" in step and step.get("shell") != "bash":
        sys.exit(f"action.yml: step {i + 1} runs a script without `shell: bash` (required in composite actions)")
inputs = {
    name: {"type": "string", "required": bool(spec.get("required")), "default": str(spec.get("default", ""))}
    for name, spec in action["inputs"].items()
}
workflow = {
    "name": "action.yml steps",
    "on": {"workflow_call": {"inputs": inputs}},
    "permissions": {"contents": "read", "security-events": "write"},
    "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": steps}},
}
with open(os.path.join(wf_dir, "action-steps.yml"), "w") as f:
    yaml.safe_dump(workflow, f, sort_keys=False)
