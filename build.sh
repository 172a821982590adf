#!/usr/bin/env bash
# Bootstraps the build host (build/_build.csproj) and runs it: ./build.sh [targets] [--parameters]
# ./build.sh --help lists the targets and parameters. Shape of Nuke's build.sh, without its SDK download.
set -euo pipefail

# Everything sits in main so that bash has read the whole file before running any of it.
main() {
    local script="${BASH_SOURCE[0]}"
    [[ "$script" == */* ]] || script="./$script"
    local root
    root="$(cd "${script%/*}" && pwd)"
    local build_project="$root/build/_build.csproj"

    export DOTNET_CLI_TELEMETRY_OPTOUT=1
    export DOTNET_NOLOGO=1
    export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

    if ! command -v dotnet >/dev/null 2>&1; then
        {
            echo "error: the .NET SDK ('dotnet') is not on PATH. CiSecrets needs .NET SDK 10.0 (see global.json)."
            echo "Install it, for example on Debian 12:"
            echo "    wget https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb -O packages-microsoft-prod.deb"
            echo "    sudo dpkg -i packages-microsoft-prod.deb && sudo apt-get update && sudo apt-get install -y dotnet-sdk-10.0"
            echo "or follow https://learn.microsoft.com/dotnet/core/install/linux"
        } >&2
        exit 2
    fi

    cd "$root"
    # Quiet when it works; the whole compiler output when it does not.
    local output
    if ! output="$(dotnet build "$build_project" /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet 2>&1)"; then
        printf '%s\n' "$output" >&2
        echo "error: the build host (build/_build.csproj) does not compile." >&2
        exit 1
    fi

    dotnet run --project "$build_project" --no-build -- "$@"
}

main "$@"
