#!/usr/bin/env bash
# postgis-image.sh: a local PostgreSQL 15 image with PostGIS, for the test of @MigrationTest's switch to
# Testcontainers when the migrations create an extension the embedded binaries lack. No registry is reachable on
# these machines, so the image is made the way ../shared/tools/docker-postgres.sh makes its postgres:15: FROM
# scratch, out of this machine's own Debian packages (postgresql-15 and postgresql-15-postgis-3, installed when
# missing) and the shared libraries they link. Tagged local/postgis:15. Needs the Docker engine that
# docker-postgres.sh started; prints the image's name on success.
#
#   bash .ci/postgis-image.sh
set -euo pipefail

WORKDIR=${WORKDIR:-/tmp/schemakit-postgis}
IMAGE=local/postgis:15
PG=/usr/lib/postgresql/15
SHARED_TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../shared/tools" && pwd)
export DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock} DEBIAN_FRONTEND=noninteractive
mkdir -p "$WORKDIR"

say() { printf '[postgis-image] %s\n' "$*" >&2; }

docker version >/dev/null 2>&1 || { say "no Docker engine: run ../shared/tools/docker-postgres.sh first"; exit 1; }

if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  say "apt-get install postgresql-15-postgis-3"
  { apt-get install -y -q --no-install-recommends postgresql-15-postgis-3 ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends postgresql-15-postgis-3; }; } \
    >"$WORKDIR/apt.log" 2>&1 || { tail -20 "$WORKDIR/apt.log" >&2; exit 1; }
fi

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  R=$WORKDIR/rootfs
  rm -rf "$R"
  mkdir -p "$R"/usr/{bin,lib,lib64} "$R"/{etc,tmp,run/postgresql,var/lib/postgresql/data,docker-entrypoint-initdb.d}
  ln -s usr/bin "$R/bin"; ln -s usr/lib "$R/lib"; ln -s usr/lib64 "$R/lib64"; ln -s usr/bin "$R/sbin"
  mkdir -p "$R/var"; ln -s ../run "$R/var/run"
  chmod 1777 "$R/tmp"
  copy_with_dir() { local d; d=$(dirname "$(realpath "$1")"); mkdir -p "$R$d"; cp -Ln "$1" "$R$d/" 2>/dev/null || true; }
  tools=()
  for t in sh dash id mkdir chmod chown mktemp rm cat setpriv sleep locale; do
    p=$(command -v "$t"); copy_with_dir "$p"; tools+=("$p")
  done
  ln -sf dash "$R/usr/bin/sh"
  mkdir -p "$R$PG/lib" "$R/usr/share/postgresql"
  cp -a $PG/bin "$R$PG/"
  # the server's modules, PostGIS's among them (postgis-3.so, postgis_topology-3.so, ...)
  find $PG/lib -maxdepth 1 -type f ! -name 'llvmjit*' -exec cp -a {} "$R$PG/lib/" \;
  # the extensions' control and SQL files, PostGIS's included: Debian links those through /etc/alternatives, so the
  # links are followed
  cp -rL --preserve=mode,timestamps /usr/share/postgresql/15 "$R/usr/share/postgresql/"
  cp -a /usr/share/zoneinfo "$R/usr/share/"
  # PostGIS's coordinate systems (ST_Transform reads them)
  [ -d /usr/share/proj ] && cp -a /usr/share/proj "$R/usr/share/"
  for f in "${tools[@]}" $PG/bin/* $PG/lib/*.so; do
    case "$f" in *llvmjit*) continue ;; esac
    ldd "$f" 2>/dev/null | awk '/=> \//{print $3}'
  done | sort -u | while read -r lib; do copy_with_dir "$lib"; done
  copy_with_dir /lib64/ld-linux-x86-64.so.2
  ln -sf "$(realpath /lib64/ld-linux-x86-64.so.2)" "$R/usr/lib64/ld-linux-x86-64.so.2"
  printf 'root:x:0:0::/root:/bin/sh\npostgres:x:999:999::/var/lib/postgresql:/bin/sh\n' >"$R/etc/passwd"
  printf 'root:x:0:\npostgres:x:999:\n' >"$R/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$R/etc/nsswitch.conf"
  install -m 755 "$SHARED_TOOLS/pg-entrypoint.sh" "$R/usr/bin/docker-entrypoint.sh"
  chown -R 999:999 "$R/var/lib/postgresql" "$R/run/postgresql"
  tar -C "$R" --numeric-owner -c . | docker import \
    -c "ENV PATH=/usr/bin:$PG/bin" -c 'ENV PGDATA=/var/lib/postgresql/data' \
    -c 'EXPOSE 5432' -c 'ENTRYPOINT ["docker-entrypoint.sh"]' -c 'CMD ["postgres"]' - "$IMAGE-rootfs" >/dev/null
  printf 'FROM %s-rootfs\nSTOPSIGNAL SIGINT\n' "$IMAGE" | DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE" - >/dev/null
  rm -rf "$R"
  say "built $IMAGE"
fi
echo "$IMAGE"
