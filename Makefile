# lakepipe. Two commands matter on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
LAKEPIPE := bin/lakepipe

.PHONY: build check format test trino-java demo synth deploy enable_jdbc enable_incremental clean validate-asl

## build: compile every module, the CLI (local/target) and emr-steps.jar; no tests
build:
	$(MVN) -q package -DskipTests

## check: the unit tests only (surefire; the *IT integration tests run under failsafe in make test), a quick signal
check:
	$(MVN) test

## format: apply the tree's one Java format (Spotless with palantir-java-format); `make test` fails on code without it
format:
	$(MVN) -q spotless:apply

## test: the whole suite, unit tests and integration tests (real PostgreSQL, Spark, DynamoDB Local)
test:
	$(MVN) verify

## trino-java: the JDK 24+ that lakepipe sql's Trino server runs on: LAKEPIPE_TRINO_JAVA_HOME, else the newest in /usr/lib/jvm; without one, how to install Temurin 25
trino-java:
	@found="$${LAKEPIPE_TRINO_JAVA_HOME:-$$(ls -d /usr/lib/jvm/*-2[4-9]-* /usr/lib/jvm/*-[3-9][0-9]-* 2>/dev/null | sort -V | tail -1)}"; \
	if [[ -n "$$found" && -x "$$found/bin/java" ]]; then echo "Trino's Java: $$found"; else \
	  echo "make trino-java: no JDK 24+ for Trino (lakepipe sql, make test). Install Temurin 25: on Debian/Ubuntu add the Adoptium apt repository (https://adoptium.net/installation/linux/), then 'sudo apt-get install temurin-25-jdk'; or set LAKEPIPE_TRINO_JAVA_HOME to a JDK 24+" >&2; exit 2; fi

## demo: the main job end to end on this machine
demo: build
	$(LAKEPIPE) demo

# CDK parameters (docs/deployment.md): USE_CASE and OPS_EMAIL, plus any other context as CONTEXT="Key=value ...".
USE_CASE ?= tpcc
OPS_EMAIL ?= ops@example.com
CONTEXT ?=
# The CDK CLI pinned in cdk/package.json (npm ci by the cdk module's build); it must read the cloud assembly
# schema of the aws-cdk-lib the root pom pins (CdkCliCompatibilityTest). Run from cdk/.
CDK_CLI ?= node_modules/.bin/cdk

## synth: synthesize the CDK app into cdk/cdk.out (offline; USE_CASE, OPS_EMAIL, CONTEXT="Key=value ...")
synth:
	$(MVN) -q -o -pl cdk,launcher -am package -DskipTests
	cd cdk && rm -rf cdk.out && CDK_OUTDIR=cdk.out java -Dlakepipe.repo=.. -cp 'target/lakepipe-cdk.jar:target/lib/*' \
	  dev.lakepipe.cdk.LakepipeApp UseCase=$(USE_CASE) OpsEmailAddress=$(OPS_EMAIL) $(CONTEXT)
	cd cdk && CDK_DISABLE_VERSION_CHECK=1 $(CDK_CLI) ls --app cdk.out >/dev/null
	@echo "make synth: templates in cdk/cdk.out (read back by the pinned CDK CLI)"

REGION ?=
AWS_REGION_FLAG = $(if $(REGION),--region $(REGION),)
# AdminPrincipalArns from CONTEXT: make deploy refuses to start without it (see the deploy target).
ADMIN_PRINCIPAL_ARNS = $(patsubst AdminPrincipalArns=%,%,$(filter AdminPrincipalArns=%,$(CONTEXT)))
CDK_CONTEXT_FLAGS = -c UseCase=$(USE_CASE) -c OpsEmailAddress=$(OPS_EMAIL) $(foreach pair,$(CONTEXT),-c $(pair))

## deploy: deploy the CDK app (CDK CLI from npm) and upload the artifacts; USE_CASE, OPS_EMAIL required, REGION, CONTEXT optional
deploy:
	@if [[ "$(origin USE_CASE)" == "file" || "$(origin OPS_EMAIL)" == "file" ]]; then \
	  echo "make deploy: set USE_CASE and OPS_EMAIL, e.g. make deploy USE_CASE=tpcc OPS_EMAIL=ops@example.com REGION=eu-west-1 (docs/deployment.md)" >&2; exit 2; fi
	@if [[ -z "$(ADMIN_PRINCIPAL_ARNS)" ]] && ! grep -q '"AdminPrincipalArns"' cdk/cdk.json; then \
	  echo "make deploy: set AdminPrincipalArns to the role you deploy with (and your break-glass role), e.g." \
	    "CONTEXT=\"AdminPrincipalArns=arn:aws:iam::<account>:role/<deployer>\": the bucket policies deny data access from" \
	    "outside the S3 VPC endpoint to every other principal, so the artifact upload that ends the deploy would be refused" \
	    "after the stack is up (docs/deployment.md)" >&2; exit 2; fi
	$(MVN) -q -pl local -am package -DskipTests
	$(LAKEPIPE) aws whoami $(AWS_REGION_FLAG)
	$(MAKE) build
	cd cdk && $(if $(REGION),AWS_REGION=$(REGION) CDK_DEFAULT_REGION=$(REGION),) $(CDK_CLI) deploy --require-approval broadening $(CDK_CONTEXT_FLAGS)
	$(LAKEPIPE) aws upload-artifacts --use-case $(USE_CASE) $(AWS_REGION_FLAG)

## enable_jdbc: enable the weekly jdbc_load EventBridge rule (name read from SSM); USE_CASE, REGION
enable_jdbc:
	$(MVN) -q -pl local -am package -DskipTests
	$(LAKEPIPE) aws enable-rule --rule jdbc --use-case $(USE_CASE) $(AWS_REGION_FLAG)

## enable_incremental: enable the incremental_hudi EventBridge rule (name read from SSM); USE_CASE, REGION
enable_incremental:
	$(MVN) -q -pl local -am package -DskipTests
	$(LAKEPIPE) aws enable-rule --rule incremental --use-case $(USE_CASE) $(AWS_REGION_FLAG)

## validate-asl: check state-machines/*.asl.json with npm asl-validator 4.0.0 (schema, paths, graph)
validate-asl:
	npx --yes asl-validator@4.0.0 $(foreach f,$(wildcard state-machines/*.asl.json),--json-path $(f))

clean:
	$(MVN) -q clean
