# Duckstring: build, test and demo. Every target works on a fresh machine with Java 17 and Maven.
MVN ?= mvn -B -q

.PHONY: build test unit it soak demo bench bench-quick clean spark

build:            ## compile and package (no tests): target/duckstring.jar + target/lib/ + fast CLI start, smoke-tested
	$(MVN) package -DskipTests
	scripts/fast-start.sh
	scripts/native-smoke.sh

# make spark (decision 56): Spark's jars and the Spark Ripple driver in target/spark-lib/ (classic/,
# connect/, connect-server/, duckstring-spark.jar); only the profile's own executions run, so target/classes and the
# daemon's jar are left as they are. Then one training run of the driver writes the class-data
# archive local drivers start from (classic-<JVM build>.jsa, decision 69): it runs the daemon's own
# code, hence 'build' first. make build and make test never need it; the Spark tests skip without it.
spark: build      ## fetch Apache Spark (profile -Pspark) into target/spark-lib/, build the Spark Ripple driver and its class-data archive
	rm -rf target/spark-lib target/spark-classes
	$(MVN) -Pspark compiler:compile@spark-driver jar:jar@spark-driver dependency:copy-dependencies@spark-classic dependency:copy@spark-antlr dependency:copy@spark-connect dependency:copy@spark-connect-server
	java -cp 'target/duckstring.jar:target/lib/*' dev.duckstring.runner.SparkArchive

test: check       ## the README's test command: make check (which runs the unit tests), then the integration tests (*IT)
	mvn -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false

unit:             ## fast unit tests only
	mvn -B test

# make check: the strict build, run by CI before the full suite. Its layering and no-qualified-names tests run
# on their own before the other unit tests, so a break of either fails in seconds (scripts/check-selftest.sh).
.PHONY: check
check:            ## fast gate: google-java-format (spotless:apply fixes), javac -Xlint:all -Werror, layering on compiled classes, unit tests
	$(MVN) spotless:check test-compile
	$(MVN) surefire:test -Dtest='LayeringTest,QualifiedNamesTest,SourceSizeTest'
	$(MVN) surefire:test

it: build         ## integration tests only
	mvn -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false

soak: build       ## the 10-minute overlap soak (wave + pulses on the demo chain); SOAK=<seconds> to change it
	# failsafe's goals alone: no lifecycle, so target/ is not rebuilt under other running daemons
	mvn -B failsafe:integration-test failsafe:verify -Dit.test=OverlapSoakIT -Dit.excludedGroups=none -Dduckstring.soak=$(or $(SOAK),600)

demo: build       ## the product page's quickstart on a throwaway Catchment
	scripts/demo.sh

bench: build      ## the performance yardstick at full sizes (tens of minutes): table + target/bench/results.json
	scripts/bench.sh

bench-quick: build ## the same suite at small sizes (under two minutes)
	scripts/bench.sh --quick

.PHONY: chaos
chaos: build      ## kill -9, lease races and a full disk on real daemons (docs/testing.md); CHAOS_ARGS="--quick" for a smoke run
	scripts/chaos.sh $(CHAOS_ARGS)

clean:
	$(MVN) clean
