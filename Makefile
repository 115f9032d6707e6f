# RTFM bot. The two commands: `make run` (local mode) and `make test` (the whole suite).
# Needs JDK 17, Maven 3.8+ and Node.js 18+ (for the local Chroma server).

JAR        := target/rtfm-bot.jar
MVN        ?= mvn
MVN_FLAGS  ?= -B -ntp
SOURCES    := pom.xml $(shell find src/main -type f 2>/dev/null)
COMPOSE    ?= docker compose
BOOTSTRAP  ?= $(if $(KAFKA_BOOTSTRAP_SERVERS),$(KAFKA_BOOTSTRAP_SERVERS),localhost:29092)
# a bounded heap, as in the Docker image: the JVM's default (a quarter of the RAM) lets it grow past 1 GB resident for no speed
JAVA_OPTS  ?= -Xmx512m

.PHONY: run test browser bench build package clean up down logs logs-processor logs-all status \
        init-topics list-topics describe-topics test-kafka help

help:
	@echo "make run            build if needed, then start RTFM in local mode (embedded Kafka + Chroma, console + HTTP API)"
	@echo "make test           run every test: unit, route and integration tests on real Kafka and Chroma"
	@echo "make bench          measure speed and memory under the same JVM settings as make run (bench.json)"
	@echo "make build          build $(JAR) without running tests"
	@echo "make up|down        start|stop the docker compose deployment"
	@echo "make logs|logs-processor|logs-all|status   watch the deployment"
	@echo "make init-topics|list-topics|describe-topics|test-kafka   against BOOTSTRAP=$(BOOTSTRAP)"

$(JAR): $(SOURCES)
	$(MVN) $(MVN_FLAGS) -DskipTests package

build package: $(JAR)

run: $(JAR)
	java $(JAVA_OPTS) -jar $(JAR) run

# the question-log tests need a real PostgreSQL: this machine's own, unless RTFM_TEST_DATABASE_URL names another
RTFM_TEST_DATABASE_URL ?= jdbc:postgresql://127.0.0.1:5432/test?user=postgres
export RTFM_TEST_DATABASE_URL

# the dashboard's browser tests drive Debian's chromium and chromium-driver: installed here when missing (as root)
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "installing chromium and chromium-driver for the dashboard's browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: browser
	$(MVN) $(MVN_FLAGS) verify

bench: $(JAR)
	java $(JAVA_OPTS) -jar $(JAR) bench --json bench.json

clean:
	$(MVN) $(MVN_FLAGS) clean

# ---- docker compose deployment (needs a Docker engine)
up:
	$(COMPOSE) up -d --build

down:
	$(COMPOSE) down

logs:
	$(COMPOSE) logs -f bot

logs-processor:
	$(COMPOSE) logs -f processor

logs-all:
	$(COMPOSE) logs -f

status:
	$(COMPOSE) ps

# ---- Kafka operations (the Python system's init_kafka_topics.py and test_kafka.py)
init-topics: $(JAR)
	java $(JAVA_OPTS) -jar $(JAR) topics create --bootstrap-servers $(BOOTSTRAP)

list-topics: $(JAR)
	java $(JAVA_OPTS) -jar $(JAR) topics list --bootstrap-servers $(BOOTSTRAP)

describe-topics: $(JAR)
	java $(JAVA_OPTS) -jar $(JAR) topics describe --bootstrap-servers $(BOOTSTRAP)

test-kafka: $(JAR)
	java $(JAVA_OPTS) -jar $(JAR) kafka-check --bootstrap-servers $(BOOTSTRAP)
