# Longjing: multi-stage build on Debian bookworm, building exactly as the
# README does (scripts/setup + scripts/build), running the server with the
# corpus and the index as volumes.
#
#   docker build -t longjing .
#   docker run -p 127.0.0.1:8080:8080 -v "$PWD/corpus:/srv/corpus" -v longjing-index:/srv/data longjing

FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/setup scripts/setup
RUN scripts/setup
COPY . .
RUN rm -rf build build-san && scripts/build longjing-index longjing-serve

FROM debian:bookworm AS run
# Runtime libraries only (the -dev packages stay in the build stage).
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libxapian30 xapian-tools libyaml-cpp0.7 libgumbo1 libcld2-0 libopencc1.1 opencc \
      libicu72 libxxhash0 libspdlog1.10 libfmt9 libcpp-httplib0.11 ca-certificates \
      libpoppler-cpp0v5 poppler-data libzip4 libxml2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY --from=build /src/build/longjing-index /src/build/longjing-serve /usr/local/bin/
COPY --from=build /src/web /srv/web
COPY --from=build /src/config /srv/config
COPY --from=build /src/corpus /srv/corpus
VOLUME ["/srv/corpus", "/srv/data"]
ENV LONGJING_CORPUS=/srv/corpus LONGJING_INDEX=/srv/data/index LONGJING_WEB=/srv/web \
    LONGJING_TAXONOMY=/srv/config/taxonomy.json
EXPOSE 8080
# Inside the container the server must listen on all interfaces for the
# published port to reach it; publish it on 127.0.0.1 on the host (above).
CMD ["sh", "-c", "longjing-index && exec longjing-serve --bind 0.0.0.0"]
