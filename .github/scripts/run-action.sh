#!/usr/bin/env bash
# The one step of the CiSecrets composite action (action.yml): runs the cisecrets command line in
# the CiSecrets container image with the workspace, the event payload and the runner's env files
# passed through, then records the verdict. Inputs arrive as INPUT_* env (see action.yml);
# tests run this script with a stand-in `docker` on PATH.
set -euo pipefail

fail() {
    echo "::error title=cisecrets action::$1"
    exit 2
}

# --- which cisecrets subcommand -------------------------------------------------------------------
command_words=()
case "${INPUT_COMMAND:-scan}" in
    scan) command_words=(scan) ;;
    sops-validate) command_words=(sops validate) ;;
    gate) command_words=(gate) ;;
    rotate) command_words=(rotate) ;;
    k8s-apply) command_words=(k8s apply) ;;
    k8s-verify) command_words=(k8s verify) ;;
    *) fail "unknown command '${INPUT_COMMAND}': use scan, sops-validate, gate, rotate, k8s-apply or k8s-verify" ;;
esac

# Extra arguments: whitespace-separated words, never evaluated by a shell.
extra_args=()
if [[ -n "${INPUT_ARGS:-}" ]]; then
    read -r -d '' -a extra_args <<<"${INPUT_ARGS}" || true
fi

has_arg() {
    local wanted
    for wanted in "$@"; do
        for given in "${extra_args[@]+"${extra_args[@]}"}"; do
            [[ "$given" == "$wanted" || "$given" == "$wanted="* ]] && return 0
        done
    done
    return 1
}

cli_args=("${command_words[@]}")
if [[ "${INPUT_COMMAND:-scan}" == scan ]] && ! has_arg --range --staged --no-git; then
    case "${GITHUB_EVENT_NAME:-}" in
        # The commits the event brought: base..head, before..after, or a first push/force-push.
        pull_request | pull_request_target | push) cli_args+=(--range auto) ;;
    esac
fi
case "${INPUT_COMMAND:-scan}" in
    # The commands that read .cisecrets.yaml; sops validate reads only .sops.yaml.
    scan | gate | rotate | k8s-apply | k8s-verify)
        if [[ -n "${INPUT_CONFIG:-}" ]] && ! has_arg --config; then
            cli_args+=(--config "${INPUT_CONFIG}")
        fi
        ;;
esac
case "${INPUT_COMMAND:-scan}" in
    scan | sops-validate)
        if [[ -n "${INPUT_SARIF_FILE:-}" ]] && ! has_arg --sarif-file; then
            cli_args+=(--sarif-file "${INPUT_SARIF_FILE}")
        fi
        ;;
esac
cli_args+=("${extra_args[@]+"${extra_args[@]}"}")

case "${INPUT_FAIL_ON_FINDINGS:-true}" in
    true | false) ;;
    *) fail "fail-on-findings must be true or false, not '${INPUT_FAIL_ON_FINDINGS}'" ;;
esac

# --- which image ----------------------------------------------------------------------------------
version="${INPUT_VERSION:-}"
[[ -n "$version" ]] || fail "the version input is empty"
if [[ "$version" == */* ]]; then
    image="$version"
else
    # The owner of the action's repository. github.action_repository is empty inside some
    # composite steps, so fall back to the checkout path the runner uses (_actions/OWNER/REPO/REF),
    # then to this repository (uses: ./).
    owner_repository="${CISECRETS_ACTION_REPOSITORY:-}"
    if [[ -z "$owner_repository" && "${GITHUB_ACTION_PATH:-}" =~ /_actions/([^/]+)/([^/]+)/ ]]; then
        owner_repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
    fi
    owner_repository="${owner_repository:-${GITHUB_REPOSITORY:-}}"
    [[ -n "$owner_repository" ]] || fail "cannot tell which repository the action comes from; give version as a full image reference"
    owner="${owner_repository%%/*}"
    # Registry paths are lower case; GitHub owners need not be.
    image="ghcr.io/${owner,,}/cisecrets:${version}"
fi

# --- the container --------------------------------------------------------------------------------
workspace="${GITHUB_WORKSPACE:-$PWD}"
# Non-root as the runner's own uid, so files the runner owns stay writable (GitHub expects container
# actions to run as root otherwise); HOME must be writable for that unknown uid.
docker_args=(run --rm --user "$(id -u):$(id -g)" --env HOME=/tmp --workdir "$workspace" --volume "$workspace:$workspace")
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the event payload live under RUNNER_TEMP on hosted runners;
# mount it, and any such file's folder outside it, at the same path so the variables mean the same inside.
mounted=("$workspace")
if [[ -n "${RUNNER_TEMP:-}" && "$RUNNER_TEMP" != "$workspace"/* ]]; then
    docker_args+=(--volume "$RUNNER_TEMP:$RUNNER_TEMP")
    mounted+=("$RUNNER_TEMP")
fi
for file_variable in GITHUB_EVENT_PATH GITHUB_OUTPUT GITHUB_STEP_SUMMARY GITHUB_ENV; do
    file="${!file_variable:-}"
    [[ -n "$file" ]] || continue
    folder="$(dirname "$file")"
    already=false
    for done_folder in "${mounted[@]}"; do
        [[ "$folder" == "$done_folder" || "$folder" == "$done_folder"/* ]] && already=true
    done
    if [[ "$already" == false ]]; then
        docker_args+=(--volume "$folder:$folder")
        mounted+=("$folder")
    fi
done
# -e NAME without a value copies the variable from this step, so values (the token above all)
# never appear on a command line.
while read -r name; do
    case "$name" in
        GITHUB_* | RUNNER_* | CI | SOPS_AGE_KEY | SOPS_AGE_KEY_FILE | KUBECONFIG | CISECRETS_*) docker_args+=(--env "$name") ;;
    esac
done < <(compgen -e | sort)
docker_args+=("$image" "${cli_args[@]}")

status=0
docker "${docker_args[@]}" || status=$?

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    # GITHUB_OUTPUT is this step's own file: a verdict line in it came from the container
    # (gate writes pass, warn or fail). Commands that write none get one from the exit code, and
    # an error overrides whatever was written, since the runner takes the last value of a name.
    verdict=""
    case "$status" in
        0) grep -qE '^verdict(=|<<)' "$GITHUB_OUTPUT" || verdict=pass ;;
        1) grep -qE '^verdict(=|<<)' "$GITHUB_OUTPUT" || verdict=fail ;;
        *) verdict=error ;;
    esac
    {
        [[ -z "$verdict" ]] || echo "verdict=${verdict}"
        echo "exit-code=${status}"
    } >>"$GITHUB_OUTPUT"
fi

if [[ "$status" == 1 && "${INPUT_FAIL_ON_FINDINGS:-true}" == false ]]; then
    echo "cisecrets reported findings; fail-on-findings is false, so the step passes."
    exit 0
fi
exit "$status"
