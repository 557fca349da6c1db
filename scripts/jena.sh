#!/bin/sh
# Run an Apache Jena command line class with Debian's libapache-jena-java jars:
#   scripts/jena.sh riotcmd.riot --validate kg.trig
#   scripts/jena.sh arq.sparql --data kg.trig --query q.rq
# Debian ships no riot/arq scripts, only jars, and two packaging problems need working
# around: /usr/share/java holds both log4j-over-slf4j and slf4j-log4j12 (so the
# classpath is explicit), and jena-core.jar relocates the Xerces classes to package
# "xerces" but leaves their resource bundles under org/apache/jena/ext/xerces, so they
# are copied once to where the classes look ($JENA_FIX_DIR, default
# ~/.cache/jena-xerces-fix).  Needs java and unzip.
set -e
J=${JENA_JARS:-/usr/share/java}
FIX=${JENA_FIX_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/jena-xerces-fix}
if [ ! -f "$J/jena-core.jar" ]; then
  echo "jena.sh: $J/jena-core.jar is missing (apt-get install libapache-jena-java)" >&2
  exit 2
fi
if [ ! -f "$FIX/xerces/impl/xpath/regex/message.properties" ]; then
  mkdir -p "$FIX/tmp.$$"
  (cd "$FIX/tmp.$$" && unzip -q -o "$J/jena-core.jar" 'org/apache/jena/ext/xerces/*')
  rm -rf "$FIX/xerces"
  mv "$FIX/tmp.$$/org/apache/jena/ext/xerces" "$FIX/xerces"
  rm -rf "$FIX/tmp.$$"
fi
CP="$FIX"
for x in jena-base jena-core jena-arq jena-iri jena-cmds jena-shacl jena-shex jena-rdfconnection \
         jena-tdb jena-tdb2 jena-dboe-base jena-dboe-index jena-dboe-storage jena-dboe-trans-data \
         jena-dboe-transaction slf4j-api slf4j-simple commons-cli commons-codec commons-compress \
         commons-csv commons-io commons-lang3 dexx.collection gson guava httpclient httpcore \
         commons-logging httpclient-cache jackson-core jackson-databind jackson-annotations jsonld-java \
         jakarta.json-api titanium-json-ld protobuf thrift; do
  CP="$CP:$J/$x.jar"
done
exec java ${JAVA_OPTS:--Xmx1g} -cp "$CP" "$@"
