# syntax=docker/dockerfile:1
# The CiSecrets container image the GitHub Action runs (action.yml): the cisecrets command line
# on the .NET runtime with git. Build: ./build.sh Image (or docker build -t cisecrets:dev .).

# --- build: restore and publish the command line with the SDK -----------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused across source edits.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ ./src/
RUN dotnet restore src/CiSecrets.Cli/CiSecrets.Cli.csproj
RUN dotnet publish src/CiSecrets.Cli/CiSecrets.Cli.csproj -c Release --no-restore --no-self-contained -o /app -nologo

# --- runtime: the .NET runtime, git, a non-root user ---------------------------------------------
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
LABEL org.opencontainers.image.title="cisecrets" \
      org.opencontainers.image.description="Leak scanning, SOPS validation, deploy gates, secret rotation and Kubernetes apply for CI" \
      org.opencontainers.image.licenses="MIT"
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    # The action mounts the runner's workspace, owned by the runner's uid; without this git (and
    # libgit2, which reads the same setting) refuse it as "dubious ownership".
    && git config --system --add safe.directory '*' \
    && useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin cisecrets
COPY --from=build /app /app
# The action runs the container as the runner's uid (docker run --user); 10001 is for everyone else.
USER 10001:10001
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
ENTRYPOINT ["dotnet", "/app/cisecrets.dll"]
CMD ["--help"]
