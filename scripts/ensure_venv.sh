# Sourced by ./run and ./test: make .venv (or $VENV) and install the pinned requirements into it,
# skipping the install when the requirement files have not changed since the last one.
# Usage: REQUIREMENTS=requirements-test.txt source scripts/ensure_venv.sh
VENV="${VENV:-.venv}"
case "$VENV" in /*) ;; *) VENV="$PWD/$VENV" ;; esac
REQUIREMENTS="${REQUIREMENTS:-requirements.txt}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> 创建虚拟环境 / creating virtual environment in $VENV"
  "$PYTHON" -m venv "$VENV"
fi
_req_hash=$(cat requirements*.txt | sha256sum | cut -c1-16)-$(basename "$REQUIREMENTS")
if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$_req_hash" ]; then
  echo "==> 安装依赖 / installing pinned requirements ($REQUIREMENTS)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  echo "$_req_hash" > "$VENV/.installed"
fi
export PATH="$VENV/bin:$PATH"
