# Duckstring: build, test and demo. Every target works on a fresh machine with Java 17 and Maven.
MVN ?= mvn -B -q

.PHONY: build test unit it demo clean

build:            ## compile and package (no tests): target/duckstring.jar + target/lib/
	$(MVN) package -DskipTests

test:             ## unit tests (*Test) then integration tests (*IT)
	mvn -B verify

unit:             ## fast unit tests only
	mvn -B test

it: build         ## integration tests only
	mvn -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false

demo: build       ## the product page's quickstart on a throwaway Catchment
	scripts/demo.sh

clean:
	$(MVN) clean
