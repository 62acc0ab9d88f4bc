#!/usr/bin/env bash
# Schema validation of the deployment files. .ci/run runs it before the build, and DeploymentSchemaTest runs it in
# ./mvnw verify where the tools are installed (DeploymentManifestsTest checks the project's own rules in any case).
# Run from anywhere:  bash deploy/validate.sh
#
#  - deploy/ecs/marquee.yaml: cfn-lint (the AWS CloudFormation linter; it validates every resource and
#    property against the CloudFormation resource schemas it ships, offline). Preinstalled on this
#    project's machines; elsewhere `pip install cfn-lint`.
#  - k8s/: rendered with `kubectl kustomize` (checks the kustomization), then every object is checked
#    against the Kubernetes OpenAPI schemas shipped in the npm package kubernetes-models (types, enums,
#    required fields) and, since those schemas allow unknown fields, type-checked by the TypeScript
#    compiler against the same package's interfaces (catches misspelled or misplaced fields).
#    The npm packages (pinned below) are installed once into $MARQUEE_VALIDATE_TOOLS
#    (default ~/.cache/marquee-deploy-validate) from the npm registry; after that it runs offline.
#
# Exit code 0 only when every check ran and passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${MARQUEE_VALIDATE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/marquee-deploy-validate}"
NPM_PACKAGES=(kubernetes-models@5.1.0 yaml@2.9.1 typescript@5.9.3)
failed=0

echo "== CloudFormation: deploy/ecs/marquee.yaml (cfn-lint)"
if command -v cfn-lint >/dev/null 2>&1; then
  if cfn-lint "$ROOT/deploy/ecs/marquee.yaml"; then
    echo "ok: $(cfn-lint --version)"
  else
    echo "FAILED: cfn-lint"; failed=1
  fi
else
  echo "FAILED: cfn-lint is not installed (pip install cfn-lint)"; failed=1
fi

echo "== Kubernetes: k8s/ (kustomize + kubernetes-models schemas + TypeScript field check)"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "FAILED: node and npm are needed for the Kubernetes schema check"; exit 1
fi
mkdir -p "$TOOLS"
stamp="$TOOLS/.installed-$(IFS=_; echo "${NPM_PACKAGES[*]}")"
if [ ! -f "$stamp" ]; then
  echo "installing ${NPM_PACKAGES[*]} into $TOOLS"
  (cd "$TOOLS" && { [ -f package.json ] || echo '{"private": true}' > package.json; } \
    && npm install --no-audit --no-fund --loglevel=error --save-exact "${NPM_PACKAGES[@]}") && touch "$stamp"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if command -v kubectl >/dev/null 2>&1; then
  kubectl kustomize "$ROOT/k8s" > "$work/rendered.yaml"
elif command -v kustomize >/dev/null 2>&1; then
  kustomize build "$ROOT/k8s" > "$work/rendered.yaml"
else
  echo "note: neither kubectl nor kustomize found; validating the files one by one, kustomization.yaml unchecked"
  for f in "$ROOT"/k8s/*.yaml; do
    case "$(basename "$f")" in kustomization.yaml|secret.example.yaml) ;; *) cat "$f"; echo "---" ;; esac
  done > "$work/rendered.yaml"
fi

cat > "$TOOLS/validate-k8s.mjs" <<'EOF'
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const [toolDir, ...files] = process.argv.slice(2);
const { parseAllDocuments } = await import(pathToFileURL(join(toolDir, "node_modules/yaml/dist/index.js")).href);
let failures = 0;
const checks = [];
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) { console.error(`${file}: YAML error: ${doc.errors[0].message}`); failures++; continue; }
    const obj = doc.toJS();
    if (obj == null) continue;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    if (!obj.apiVersion || !obj.kind) { console.error(`${where}: no apiVersion/kind`); failures++; continue; }
    const modulePath = `kubernetes-models/${obj.apiVersion}/${obj.kind}`;
    let mod;
    try { mod = await import(pathToFileURL(join(toolDir, "node_modules", modulePath + ".js")).href); }
    catch (e) { console.error(`${where}: no schema for ${obj.apiVersion} ${obj.kind}`); failures++; continue; }
    try { new mod[obj.kind](obj).validate(); console.log(`ok (schema)  ${where}`); }
    catch (e) { console.error(`FAILED ${where}: ${e.message}`); failures++; }
    checks.push({ where, modulePath, kind: obj.kind, obj });
  }
}
// The OpenAPI schemas accept unknown fields; TypeScript's excess property check does not.
const dir = join(toolDir, "check");
mkdirSync(dir, { recursive: true });
let ts = "";
checks.forEach((c, i) => {
  ts += `import type { I${c.kind} as T${i} } from "${c.modulePath}";\n`;
  ts += `// ${c.where}\nexport const doc${i}: T${i} = ${JSON.stringify(c.obj, null, 2)};\n`;
});
writeFileSync(join(dir, "manifests.ts"), ts);
writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext",
                     target: "es2022", skipLibCheck: true, types: [] },
  files: ["manifests.ts"],
}));
try {
  execFileSync(process.execPath, [join(toolDir, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")],
               { stdio: "pipe", cwd: toolDir });
  console.log(`ok (fields)  ${checks.length} objects: no unknown or mistyped fields`);
} catch (e) {
  console.error(String(e.stdout ?? "") + String(e.stderr ?? ""));
  console.error(`FAILED: unknown or mistyped fields (line numbers refer to ${join(dir, "manifests.ts")})`);
  failures++;
}
process.exit(failures ? 1 : 0);
EOF

if node "$TOOLS/validate-k8s.mjs" "$TOOLS" "$work/rendered.yaml" "$ROOT/k8s/secret.example.yaml"; then
  echo "ok: k8s/"
else
  echo "FAILED: k8s/"; failed=1
fi

if [ "$failed" -ne 0 ]; then
  echo "deploy/validate.sh: FAILED"; exit 1
fi
echo "deploy/validate.sh: all deployment files valid"
