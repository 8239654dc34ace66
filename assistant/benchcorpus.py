"""Synthetic look-alike guides for benchmarking retrieval: `coach bench corpus`.

`generate_guides(count, seed)` makes `count` guides for fictional companies, in the shapes of the
shipped ones, and `write_corpus(out_dir, count, seed)` writes them to a folder:
- markdown negotiation guides: a "Role | Company … Negotiation Guide" title, a "**Negotiation
  DNA:**" line, a comp table by region (in USD, GBP, EUR, CAD, SGD, CNY, INR or JPY, over regions
  that overlap the real guides': Seattle, Bay Area / Sunnyvale, London, Singapore, Hangzhou, …),
  prose, "**Level Mapping:**", numbered levers with quoted figures, a "> **Negotiate Up
  Strategy:**" blockquote and "Evidence & Sources" bullets;
- plain-text interview guides like the scraped Alibaba one: "What is a <Role> at <Company>?",
  evaluation pillars, process overview, topics with "Be ready to go over:" and "Example questions
  or scenarios:" lists, Q:/A: lines, tips.
Table shapes vary the way human authors vary them (Region/Location/Market columns, "Stock
(RSU/4yr)", "Equity (4yr)", "RSU / yr", headers that name the currency with bare-number cells,
tables without a total or bonus column, an extra sign-on column, several amount spellings, a
second table for international offices), and prose is drawn from sentence pools with slots, so
neither keyword nor dense retrieval gets a single template to latch onto.

Company names are invented compounds ("Quillfeather Systems"), unique per company, never a
shipped guide's company; a company may have guides for several roles, and a negotiation and an
interview guide for the same role, as Alibaba has. The generator knows its truth: each
`GeneratedGuide` carries its file name, company, role, kind and the comp rows it wrote, so tests
can check that the loader, chunker and fact extractor read them back exactly.

Deterministic: the same seed gives byte-identical files (each random stream is seeded from the
seed and a position, no global state, no clock), and the first N guides of a larger run are the
guides of a run of N, so 200 generated guides are a subset of 2,000.

Leaves out: real companies and their real pay (every figure is made up within plausible ranges),
exchange-rate consistency between regions, the regions in `UNUSED_REGIONS` (kept free so
evaluations can ask about a region no guide covers), other guide kinds, and markdown interview
guides.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.errors import CorpusError

MARKER_FILE = ".benchcorpus"
MARKER_VERSION = 1
# Regions no generated guide names, for out-of-corpus evaluation questions.
UNUSED_REGIONS = ("Zurich", "Paris", "Sydney", "São Paulo", "Tel Aviv")

GeneratedKind = Literal["negotiation", "interview"]


@dataclass(frozen=True)
class BandRow:
    """One comp-table row exactly as written: the values a parser must read back."""

    region: str
    currency: str
    base_min: float
    base_max: float
    stock_min: float | None
    stock_max: float | None
    stock_vesting_years: int | None
    stock_basis: str  # "grant", "per_year" or ""
    bonus_min_pct: float | None
    bonus_max_pct: float | None
    total_min: float | None
    total_max: float | None


@dataclass(frozen=True)
class GeneratedGuide:
    file_name: str
    company: str
    role: str
    kind: GeneratedKind
    text: str
    bands: tuple[BandRow, ...] = ()
    regions: tuple[str, ...] = ()  # region keys the guide is about (e.g. "Seattle")


# --- data pools ----------------------------------------------------------------------------------

_PREFIXES = (
    "Quill Norr Vant Brisk Cald Dorn Ember Fenn Glim Harl Isk Jorv Kest Lum Mirr Nyx Orl Pell "
    "Quar Rusk Sard Tarn Ulv Vesp Wren Xan Yarr Zell Bram Corv Dusk Eld Fjor Grav Ivor Kiln "
    "Lark Moss Nimb Pyre Rill Sable Thorn Umber Vell Wick Yew Zeph Alder Cobalt Flint Gale Heron "
    "Indi Kelp Loam Marr Nettle Opal Plume Quen Rook Slate Tide Vale Wisp Brann Cygn Drex Ferr "
    "Gorm Hask Jund Krell Lyss Mord Nolt Prax Ryn Stav Trell Voss"
).split()
_SUFFIXES = (
    "feather byte forge wright stone field mark spire loom haven crest wave grove ridge vault "
    "beam path quarry mere fold gate lyte nix ora ium ara ello ika une ost bridge hollow meadow "
    "glen brook cairn dale fen holm sund vik strand thorne well moor rift shore helm"
).split()
# Compounds that read as existing names; skipped.
_AVOID_STEMS = {"flintstone", "oakridge", "alderbrook", "rookwood", "tidewell", "slategate"}

_ROLES: tuple[tuple[str, str, float], ...] = (
    # role, family, pay factor against a mid-level software engineer
    ("DevOps Engineer", "infra", 1.0),
    ("Site Reliability Engineer", "infra", 1.04),
    ("Platform Engineer", "infra", 1.02),
    ("Cloud Infrastructure Engineer", "infra", 1.0),
    ("Backend Engineer", "software", 1.0),
    ("Software Engineer", "software", 1.0),
    ("Full Stack Engineer", "software", 0.97),
    ("Frontend Engineer", "software", 0.95),
    ("Mobile Engineer", "software", 0.98),
    ("Data Engineer", "data", 0.98),
    ("Analytics Engineer", "data", 0.9),
    ("ML Engineer", "ml", 1.1),
    ("Data Scientist", "ml", 1.0),
    ("Applied Scientist", "ml", 1.12),
    ("Security Engineer", "security", 1.03),
    ("Product Manager", "product", 1.05),
    ("Technical Program Manager", "product", 0.98),
)

# key -> currency, mid-level base in that currency, ways authors write the region
_REGIONS: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "San Francisco": (
        "USD",
        185e3,
        ("San Francisco", "San Francisco (US)", "SF Bay (San Francisco)"),
    ),
    "Bay Area": (
        "USD",
        180e3,
        ("Bay Area / Sunnyvale (US R&D)", "Bay Area", "Sunnyvale (Bay Area)"),
    ),
    "Seattle": ("USD", 175e3, ("Seattle (US)", "Seattle", "Seattle / Bellevue")),
    "New York": ("USD", 178e3, ("New York", "New York City", "New York (NYC)")),
    "Austin": ("USD", 155e3, ("Austin", "Austin (US)", "Austin, TX")),
    "Boston": ("USD", 165e3, ("Boston", "Boston (US)", "Boston / Cambridge")),
    "Remote (US)": ("USD", 158e3, ("Remote (US)", "US Remote", "Remote — United States")),
    "London": ("GBP", 100e3, ("London", "London (UK)", "London (EMEA hub)")),
    "Dublin": ("EUR", 92e3, ("Dublin", "Dublin (Ireland)", "Dublin (EMEA HQ)")),
    "Berlin": ("EUR", 82e3, ("Berlin", "Berlin (Germany)", "Berlin (EU)")),
    "Amsterdam": ("EUR", 88e3, ("Amsterdam", "Amsterdam (NL)", "Amsterdam (EU)")),
    "Toronto": ("CAD", 150e3, ("Toronto", "Toronto (Canada)", "Toronto (CA)")),
    "Vancouver": ("CAD", 145e3, ("Vancouver", "Vancouver (Canada)", "Vancouver (CA)")),
    "Singapore": ("SGD", 135e3, ("Singapore", "Singapore (APAC HQ)", "Singapore (SG)")),
    "Hangzhou": ("CNY", 520e3, ("Hangzhou", "Hangzhou (China)", "Hangzhou (R&D)")),
    "Beijing": ("CNY", 500e3, ("Beijing", "Beijing (China)", "Beijing (R&D)")),
    "Shanghai": ("CNY", 510e3, ("Shanghai", "Shanghai (China)", "Shanghai (R&D)")),
    "Shenzhen": ("CNY", 490e3, ("Shenzhen", "Shenzhen (China)", "Shenzhen (R&D)")),
    "Bangalore": ("INR", 3.0e6, ("Bangalore", "Bengaluru", "Bangalore (India)")),
    "Hyderabad": ("INR", 2.6e6, ("Hyderabad", "Hyderabad (India)", "Hyderabad (IDC)")),
    "Tokyo": ("JPY", 11.0e6, ("Tokyo", "Tokyo (Japan)", "Tokyo (JP)")),
}
# Office footprints: the HQ is drawn from the first entries, the rest are the other offices.
_FOOTPRINTS: tuple[tuple[str, ...], ...] = (
    ("San Francisco", "New York", "Seattle", "Austin", "London", "Remote (US)"),
    ("Bay Area", "Seattle", "New York", "Singapore", "London", "Hangzhou"),
    ("Seattle", "Bay Area", "New York", "Vancouver", "Dublin", "Bangalore"),
    ("New York", "San Francisco", "Boston", "London", "Toronto", "Dublin"),
    ("Austin", "Seattle", "New York", "Remote (US)", "Toronto", "Hyderabad"),
    ("Boston", "New York", "San Francisco", "London", "Berlin", "Remote (US)"),
    ("London", "Dublin", "Berlin", "Amsterdam", "New York", "Singapore"),
    ("Berlin", "Amsterdam", "London", "Dublin", "Toronto"),
    ("Dublin", "London", "Berlin", "Seattle", "Bangalore"),
    ("Amsterdam", "Berlin", "London", "Singapore", "New York"),
    ("Toronto", "Vancouver", "Seattle", "New York", "London"),
    ("Singapore", "Hangzhou", "Shanghai", "Tokyo", "Bangalore", "Seattle"),
    ("Hangzhou", "Beijing", "Shanghai", "Singapore", "Bay Area", "Seattle"),
    ("Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Singapore"),
    ("Shenzhen", "Shanghai", "Beijing", "Singapore", "Bay Area"),
    ("Bangalore", "Hyderabad", "Singapore", "London", "San Francisco"),
    ("Tokyo", "Singapore", "San Francisco", "Seattle", "London"),
)

# domain, what the company runs, the scale it brags about, its hardest week, descriptors
_DOMAINS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "logistics",
        "freight routing platform",
        "{n}M parcels a day",
        "peak holiday shipping week",
        ("Logistics", "Freight", "Systems"),
    ),
    (
        "payments",
        "real-time payments network",
        "{n}K transactions per second",
        "month-end settlement",
        ("Pay", "Payments", "Finance"),
    ),
    (
        "observability",
        "metrics and tracing platform",
        "{n} trillion data points a month",
        "customer incident storms",
        ("Systems", "Software", "Cloud"),
    ),
    (
        "healthcare data",
        "clinical data exchange",
        "{n}M patient records",
        "open-enrollment season",
        ("Health", "Care", "Bio"),
    ),
    (
        "online gaming",
        "multiplayer game backend",
        "{n}M concurrent players",
        "season launch day",
        ("Interactive", "Games", "Studios"),
    ),
    (
        "advertising technology",
        "real-time bidding exchange",
        "{n}B bid requests a day",
        "fourth-quarter ad surge",
        ("Media", "Digital", "Networks"),
    ),
    (
        "travel",
        "booking marketplace",
        "{n}M searches a day",
        "summer travel peak",
        ("Travel", "Digital", "Technologies"),
    ),
    (
        "climate analytics",
        "satellite emissions monitoring platform",
        "{n} PB of imagery",
        "annual reporting deadline",
        ("Analytics", "Climate", "Data"),
    ),
    (
        "education",
        "online learning platform",
        "{n}M active learners",
        "back-to-school rush",
        ("Learning", "Digital", "Software"),
    ),
    (
        "insurance",
        "claims automation platform",
        "{n}M active policies",
        "catastrophe-season claim spikes",
        ("Assurance", "Technologies", "Software"),
    ),
    (
        "retail",
        "omnichannel commerce platform",
        "{n}M orders a day",
        "anniversary sale week",
        ("Commerce", "Retail", "Digital"),
    ),
    (
        "robotics",
        "warehouse robotics fleet",
        "{n}K robots in production",
        "peak fulfilment season",
        ("Robotics", "Dynamics", "Automation"),
    ),
    (
        "developer tools",
        "hosted CI and build platform",
        "{n}M builds a week",
        "major release days",
        ("Software", "Labs", "Cloud"),
    ),
    (
        "streaming media",
        "video streaming service",
        "{n}M hours streamed a day",
        "live-event nights",
        ("Media", "Studios", "Networks"),
    ),
    (
        "cybersecurity",
        "threat-detection platform",
        "{n}B security events a day",
        "zero-day disclosure weeks",
        ("Security", "Cyber", "Defense"),
    ),
    (
        "lending",
        "digital lending platform",
        "{n}M credit decisions a month",
        "rate-change days",
        ("Capital", "Finance", "Credit"),
    ),
    (
        "energy",
        "grid-balancing software",
        "{n} GW of managed capacity",
        "winter demand peaks",
        ("Energy", "Power", "Grid"),
    ),
    (
        "biotech",
        "lab automation cloud",
        "{n}M assay results a month",
        "trial-readout weeks",
        ("Bio", "Therapeutics", "Labs"),
    ),
    (
        "mobility",
        "ride-hailing marketplace",
        "{n}M trips a week",
        "New Year's Eve surge",
        ("Mobility", "Transit", "Motion"),
    ),
    (
        "AI infrastructure",
        "GPU training cloud",
        "{n}K GPUs under management",
        "model-launch weeks",
        ("AI", "Compute", "Cloud"),
    ),
)

_LADDERS = (
    ("L3", "L5"),
    ("P5", "P7"),
    ("IC2", "IC4"),
    ("E3", "E5"),
    ("T3", "T5"),
    ("Level 3", "Level 5"),
    ("SE II", "Staff"),
    ("G6", "G8"),
)

# Per family: focus areas, tools, evaluation pillars, interview topics, requirements, levers.
_FAMILY: dict[str, dict] = {
    "infra": {
        "team": "infrastructure",
        "focus": [
            "CI/CD pipeline development",
            "Kubernetes orchestration",
            "observability engineering",
            "capacity planning",
            "incident response",
            "infrastructure as code",
            "multi-region failover",
            "cost optimization of cloud spend",
        ],
        "tools": [
            "Terraform",
            "Kubernetes",
            "Prometheus",
            "Grafana",
            "Ansible",
            "Argo CD",
            "Envoy",
            "Vault",
            "eBPF tooling",
            "OpenTelemetry",
        ],
        "pillars": [
            (
                "Systems Fundamentals",
                "you must explain how Linux schedules processes, how memory "
                "pressure shows up, and how the network stack behaves under load.",
            ),
            (
                "Operational Excellence",
                "interviewers probe how you isolate root causes in "
                "distributed systems, read logs and metrics, and restore service under pressure.",
            ),
            (
                "Automation Mindset",
                "you are expected to replace manual toil with tools, writing "
                "production-grade code in Go or Python rather than one-off scripts.",
            ),
            (
                "Reliability Judgment",
                "you should reason about error budgets, SLOs and the cost "
                "of each extra nine of availability.",
            ),
            (
                "Ownership and Communication",
                "the team looks for engineers who write clear "
                "postmortems and coordinate calmly during an outage.",
            ),
        ],
        "topics": [
            (
                "Linux and Networking Fundamentals",
                "This is the foundation of the role. Expect follow-ups until you reach the edge "
                "of what you know.",
                [
                    (
                        "Process Management",
                        "signals, the process lifecycle, cgroups and namespaces.",
                    ),
                    ("Memory", "virtual memory, page cache, swap and the OOM killer."),
                    (
                        "Networking",
                        "TCP handshakes, congestion control, DNS resolution and L4 versus L7 "
                        "load balancing.",
                    ),
                    (
                        "Performance Analysis",
                        "finding CPU, I/O and memory hot spots with perf and tracing tools.",
                    ),
                ],
                [
                    "A host is reachable by ping but every SSH attempt hangs. How do you debug it?",
                    "Walk me through what happens between typing a URL and the first byte.",
                    "How would you find which process is filling a disk at three in the morning?",
                ],
            ),
            (
                "Containers and Orchestration",
                "Most services run on Kubernetes, so you need to understand it below the kubectl "
                "level.",
                [
                    ("Control Plane", "the API server, scheduler, controller manager and etcd."),
                    ("Workloads", "Deployments versus StatefulSets, DaemonSets and Jobs."),
                    ("Rollouts", "canary and blue/green releases, health checks and rollback."),
                    ("Cluster Networking", "CNI plugins, service meshes and ingress controllers."),
                ],
                [
                    "A pod is stuck in CrashLoopBackOff. Walk me through your debugging steps.",
                    "How would you run one cluster across three availability zones?",
                    "When would you choose a StatefulSet over a Deployment?",
                ],
            ),
            (
                "Automation and Coding",
                "The team builds its own tooling, so the coding bar is real.",
                [
                    ("Scripting", "Python or Bash for log parsing, API calls and glue code."),
                    ("Tool Development", "Go services, Kubernetes operators and CLI tools."),
                    (
                        "Algorithms",
                        "hash maps, heaps and intervals applied to operations problems.",
                    ),
                ],
                [
                    "Write a script that finds the ten most frequent client IPs in a 20GB log.",
                    "Implement a token-bucket rate limiter.",
                    "Check a thousand endpoints concurrently and report the slow ones.",
                ],
            ),
            (
                "Reliability and System Design",
                "Design rounds focus on systems that keep working when parts of them fail.",
                [
                    ("Observability", "metrics, logs and traces, alert design and dashboards."),
                    (
                        "Resilience Patterns",
                        "retries with backoff, circuit breakers and bulkheads.",
                    ),
                    (
                        "Disaster Recovery",
                        "RTO and RPO targets, multi-region failover and chaos testing.",
                    ),
                ],
                [
                    "Design a log collection pipeline for ten thousand services.",
                    "How would you set SLOs for an internal API that other teams depend on?",
                    "Design a deployment system that rolls back a bad release in a minute.",
                ],
            ),
            (
                "Incident Management",
                "Expect a scenario round built from a real outage the team has handled.",
                [
                    (
                        "Triage",
                        "stabilizing first, communicating status and choosing a mitigation.",
                    ),
                    (
                        "Root Cause Analysis",
                        "timelines, contributing factors and blameless postmortems.",
                    ),
                    ("Prevention", "turning findings into alerts, runbooks and automation."),
                ],
                [
                    "Latency doubled after a config push but error rates are flat. What now?",
                    "Tell me about the worst outage you handled and what changed afterwards.",
                ],
            ),
        ],
        "must": [
            "Deep familiarity with Linux internals and troubleshooting tools.",
            "Production experience with Kubernetes and at least one public cloud.",
            "Solid coding ability in Go or Python.",
            "A firm grasp of TCP/IP, DNS, HTTP and load balancing.",
        ],
        "nice": [
            "Experience running service meshes at scale.",
            "Contributions to open-source infrastructure projects.",
            "Familiarity with FinOps practices and cloud cost reviews.",
        ],
        "levers": [
            (
                "On-Call Premium",
                "I will carry the pager for the {product} through {event}; that "
                "responsibility is worth {base_ask} base.",
            ),
            (
                "Hyperscale Experience",
                "My {focus} experience maps onto {company_s} {metric} scale; {peer} pays {tc} TC "
                "for it.",
            ),
            (
                "Reliability Impact",
                "Every minute of downtime during {event} costs {company} real "
                "revenue, and my work protects it. I need {stock_ask} in equity.",
            ),
        ],
    },
    "software": {
        "team": "product engineering",
        "focus": [
            "API design",
            "service decomposition",
            "performance tuning",
            "web performance",
            "mobile release engineering",
            "data modeling",
            "developer experience",
            "feature experimentation",
        ],
        "tools": [
            "Go",
            "Java",
            "Kotlin",
            "TypeScript",
            "React",
            "PostgreSQL",
            "Redis",
            "Kafka",
            "gRPC",
            "GraphQL",
            "Swift",
        ],
        "pillars": [
            (
                "Coding Fluency",
                "you will write working, readable code in a shared editor and "
                "talk through trade-offs as you go.",
            ),
            (
                "System Design",
                "you should design services that scale, fail gracefully and are "
                "simple enough for the next engineer to change.",
            ),
            (
                "Product Sense",
                "interviewers want to see that you connect technical choices to "
                "what users experience.",
            ),
            (
                "Collaboration",
                "the team values engineers who review code generously and disagree without drama.",
            ),
            (
                "Execution",
                "you are expected to break large projects into milestones and ship "
                "them predictably.",
            ),
        ],
        "topics": [
            (
                "Data Structures and Algorithms",
                "The coding rounds are practical but rigorous, usually at a medium difficulty.",
                [
                    ("Core Structures", "arrays, hash maps, heaps, trees and graphs."),
                    ("Techniques", "two pointers, sliding windows, BFS and DFS, and memoization."),
                    ("Complexity", "stating and improving time and space complexity."),
                ],
                [
                    "Merge overlapping intervals in a list of meetings.",
                    "Implement an LRU cache with O(1) operations.",
                    "Find the shortest path between two users in a follower graph.",
                ],
            ),
            (
                "API and Service Design",
                "Expect to design a service end to end, from its API to its storage.",
                [
                    ("API Contracts", "REST versus gRPC, pagination, idempotency and versioning."),
                    (
                        "Storage Choices",
                        "relational versus key-value stores, indexing and sharding.",
                    ),
                    ("Caching", "cache invalidation, TTLs and thundering herds."),
                    ("Asynchronous Work", "queues, retries and exactly-once illusions."),
                ],
                [
                    "Design the checkout service for the {product}.",
                    "How would you add idempotency to a payment-style API?",
                    "Design a notification service that fans out to millions of devices.",
                ],
            ),
            (
                "Frontend and Client Engineering",
                "Client-facing teams go deeper on rendering, state and release practice.",
                [
                    ("Rendering", "the browser rendering pipeline, hydration and layout thrash."),
                    ("State Management", "local versus server state and cache consistency."),
                    ("Mobile Releases", "staged rollouts, feature flags and crash monitoring."),
                ],
                [
                    "Why is this list view slow to scroll, and how do you find out?",
                    "How would you ship a risky feature to one percent of users first?",
                ],
            ),
            (
                "Code Quality and Testing",
                "The team cares about code that stays easy to change.",
                [
                    (
                        "Testing Strategy",
                        "unit, integration and contract tests and where each pays off.",
                    ),
                    ("Refactoring", "changing code safely without a big-bang rewrite."),
                    ("Code Review", "what you look for and how you give feedback."),
                ],
                [
                    "Tell me about a refactoring you led and how you kept it safe.",
                    "How do you decide what not to test?",
                ],
            ),
            (
                "Concurrency and Performance",
                "Senior candidates get at least one question on concurrency.",
                [
                    ("Concurrency Primitives", "locks, channels, atomics and their failure modes."),
                    ("Profiling", "finding hot paths with profilers and flame graphs."),
                    ("Latency", "tail latency, connection pools and back-pressure."),
                ],
                [
                    "Two workers update the same counter and totals drift. Why?",
                    "p99 latency tripled after a dependency upgrade. How do you investigate?",
                ],
            ),
        ],
        "must": [
            "Strong coding skills in at least one of Go, Java, Kotlin or TypeScript.",
            "Experience designing and operating production services or apps.",
            "Comfort with relational databases and caching.",
            "Clear written communication in design documents.",
        ],
        "nice": [
            "Experience with event-driven architectures.",
            "A track record of mentoring other engineers.",
            "Exposure to {domain} products.",
        ],
        "levers": [
            (
                "Shipping Velocity",
                "I shipped three major features last year on a team of five; "
                "that track record supports {base_ask} base.",
            ),
            (
                "Architecture Ownership",
                "I will own the {focus} roadmap for the {product}, which is "
                "senior scope. I need {stock_ask} in equity.",
            ),
            (
                "Scope Match",
                "The role's scope matches what I do today at {peer}, where my total is {tc}.",
            ),
        ],
    },
    "data": {
        "team": "data platform",
        "focus": [
            "batch and streaming pipelines",
            "data modeling",
            "warehouse performance",
            "data quality",
            "lakehouse migration",
            "metrics layers",
            "orchestration",
        ],
        "tools": [
            "Spark",
            "Flink",
            "Kafka",
            "Airflow",
            "dbt",
            "Iceberg",
            "Trino",
            "BigQuery",
            "Snowplow-style event tracking",
            "Parquet",
        ],
        "pillars": [
            (
                "SQL and Modeling",
                "you will write non-trivial SQL and design schemas that analysts can actually use.",
            ),
            (
                "Pipeline Engineering",
                "interviewers probe how you build pipelines that are "
                "idempotent, observable and cheap to re-run.",
            ),
            (
                "Distributed Processing",
                "you should explain partitioning, shuffles and skew in "
                "engines like Spark or Flink.",
            ),
            (
                "Stakeholder Partnership",
                "the team wants engineers who turn vague requests from "
                "analysts into reliable datasets.",
            ),
        ],
        "topics": [
            (
                "SQL and Data Modeling",
                "Every loop includes a SQL round, often with window functions.",
                [
                    ("Window Functions", "ranking, running totals and sessionization."),
                    ("Dimensional Modeling", "facts, dimensions and slowly changing dimensions."),
                    ("Query Tuning", "partition pruning, join strategies and clustering."),
                ],
                [
                    "Compute seven-day retention by signup cohort.",
                    "Model orders, refunds and partial shipments for the {product}.",
                ],
            ),
            (
                "Pipelines and Orchestration",
                "Expect to design a pipeline and defend its failure handling.",
                [
                    ("Idempotency", "safe re-runs, backfills and exactly-once writes."),
                    ("Orchestration", "DAG design, retries and SLAs in Airflow-style schedulers."),
                    ("Data Quality", "contracts, assertions and anomaly alerts."),
                ],
                [
                    "A daily job silently dropped 3% of rows last week. How do you find out why?",
                    "Design a backfill for two years of events without stopping the daily load.",
                ],
            ),
            (
                "Streaming Systems",
                "Teams close to the product run streaming jobs with tight latency targets.",
                [
                    ("Event Time", "watermarks, late data and windowing."),
                    ("State", "checkpointing, state size and recovery."),
                    ("Delivery Semantics", "at-least-once versus exactly-once in practice."),
                ],
                [
                    "Design a real-time dashboard of {metric_short} with a one-minute delay.",
                    "How do you handle events that arrive two days late?",
                ],
            ),
            (
                "Distributed Processing",
                "Senior candidates discuss how engines execute their jobs.",
                [
                    ("Partitioning", "choosing keys, handling skew and small files."),
                    ("Shuffles", "what triggers them and how to avoid them."),
                    ("Cost", "cluster sizing and storage formats."),
                ],
                [
                    "A Spark job runs for hours on one straggling task. What is happening?",
                    "How would you cut the warehouse bill by a third?",
                ],
            ),
        ],
        "must": [
            "Advanced SQL and data modeling.",
            "Production experience with Spark, Flink or a cloud warehouse.",
            "Python or Scala for pipeline code.",
            "Experience with an orchestration framework.",
        ],
        "nice": [
            "Experience with table formats such as Iceberg or Delta.",
            "Familiarity with privacy and retention rules for {domain} data.",
        ],
        "levers": [
            (
                "Data Platform Migration",
                "I led a warehouse migration of similar size; {company} "
                "is starting the same journey. That is worth {base_ask} base.",
            ),
            (
                "Pipeline Ownership",
                "Owning the pipelines behind {metric_short} is critical "
                "work, and I need {stock_ask} in equity to reflect it.",
            ),
            (
                "Analytics Leverage",
                "My datasets are used by every team that reports on "
                "the {product}; I'd like a {signon} signing bonus.",
            ),
        ],
    },
    "ml": {
        "team": "machine learning",
        "focus": [
            "ranking models",
            "forecasting",
            "model serving",
            "feature stores",
            "experimentation",
            "LLM fine-tuning",
            "GPU training efficiency",
            "anomaly detection",
        ],
        "tools": [
            "PyTorch",
            "JAX",
            "XGBoost",
            "Ray-style distributed training",
            "Triton-style inference servers",
            "MLflow",
            "Feast-style feature stores",
            "CUDA",
            "ONNX",
        ],
        "pillars": [
            (
                "ML Fundamentals",
                "you must explain bias and variance, regularization, evaluation "
                "metrics and why a model fails in production.",
            ),
            (
                "Applied Modeling",
                "interviewers want to see you frame a business problem as a "
                "learning problem and choose a sensible baseline.",
            ),
            (
                "ML Systems",
                "you should design training and serving pipelines that are "
                "reproducible and monitored.",
            ),
            (
                "Coding",
                "you will implement algorithms and data transformations in Python "
                "without a notebook safety net.",
            ),
            (
                "Research Judgment",
                "the team values people who know when a simple model is good enough.",
            ),
        ],
        "topics": [
            (
                "Machine Learning Fundamentals",
                "Expect whiteboard-style questions on core concepts.",
                [
                    (
                        "Model Evaluation",
                        "precision and recall, calibration and offline versus online metrics.",
                    ),
                    ("Generalization", "overfitting, regularization and data leakage."),
                    (
                        "Optimization",
                        "gradient descent variants, learning rates and initialization.",
                    ),
                ],
                [
                    "Your offline AUC improved but the A/B test is flat. Why might that be?",
                    "Explain how you would detect label leakage in a training set.",
                ],
            ),
            (
                "ML System Design",
                "Design rounds ask for a full system, from data to monitoring.",
                [
                    ("Feature Pipelines", "online and offline features and training-serving skew."),
                    ("Serving", "latency budgets, batching and model caching."),
                    ("Monitoring", "drift detection, shadow deployments and rollbacks."),
                ],
                [
                    "Design the ranking system behind the {product}.",
                    "How would you serve a model with a 20 ms latency budget at peak traffic?",
                ],
            ),
            (
                "Deep Learning and Large Models",
                "Teams working on large models go deeper on training at scale.",
                [
                    ("Architectures", "transformers, attention and embeddings."),
                    (
                        "Distributed Training",
                        "data and model parallelism, mixed precision and checkpointing.",
                    ),
                    ("Fine-Tuning", "adapters, evaluation sets and regression checks."),
                ],
                [
                    "Training loss spikes every few thousand steps. What do you check?",
                    "How would you cut inference cost of a large model by half?",
                ],
            ),
            (
                "Statistics and Experimentation",
                "Data science loops include a statistics round.",
                [
                    ("Hypothesis Testing", "power, p-values and multiple comparisons."),
                    ("Causal Inference", "difference in differences and instrumental variables."),
                    ("Experiment Design", "randomization units, novelty effects and guardrails."),
                ],
                [
                    "How long should an experiment on the {product} run?",
                    "A metric moved in the control group too. What happened?",
                ],
            ),
        ],
        "must": [
            "Strong Python and one deep learning framework.",
            "Experience shipping models to production.",
            "Solid statistics and evaluation practice.",
            "Ability to explain results to non-specialists.",
        ],
        "nice": [
            "Publications or open-source work in machine learning.",
            "Experience with GPU clusters and distributed training.",
            "Domain knowledge in {domain}.",
        ],
        "levers": [
            (
                "Model Impact",
                "My last model moved revenue by a measurable margin; for the {product} "
                "I expect the same, so I need {base_ask} base.",
            ),
            (
                "GPU Training Expertise",
                "Distributed training experience is scarce. {peer} is "
                "offering {tc} TC, and I need {stock_ask} in equity to choose {company}.",
            ),
            (
                "Research Scope",
                "I'd like the offer at {level_hi}, where the base starts near {base_ask} and "
                "reflects the research scope you described.",
            ),
        ],
    },
    "security": {
        "team": "security",
        "focus": [
            "threat detection",
            "application security reviews",
            "cloud security posture",
            "identity and access management",
            "incident response",
            "secure SDLC",
        ],
        "tools": [
            "SIEM platforms",
            "osquery",
            "Semgrep-style static analysis",
            "Burp-style proxies",
            "Vault",
            "Kubernetes admission controllers",
            "YARA rules",
        ],
        "pillars": [
            (
                "Security Fundamentals",
                "you must explain common attack classes, cryptography basics and defense in depth.",
            ),
            (
                "Threat Modeling",
                "interviewers want a structured way of finding what can go wrong in a design.",
            ),
            (
                "Incident Handling",
                "you will walk through detection, containment and communication under pressure.",
            ),
            (
                "Engineering Ability",
                "the team writes its own detections and tooling, so coding matters.",
            ),
        ],
        "topics": [
            (
                "Application Security",
                "Expect to review code and a design for vulnerabilities.",
                [
                    ("Web Vulnerabilities", "injection, XSS, SSRF and broken access control."),
                    ("Authentication", "session handling, OAuth flows and token storage."),
                    ("Secure Design", "least privilege, input validation and secrets handling."),
                ],
                [
                    "Find the vulnerabilities in this file-upload endpoint.",
                    "How would you threat-model the login flow of the {product}?",
                ],
            ),
            (
                "Cloud and Infrastructure Security",
                "Most of the attack surface lives in cloud accounts and clusters.",
                [
                    ("Identity", "IAM policies, role assumption and blast radius."),
                    ("Network Controls", "segmentation, egress filtering and private endpoints."),
                    (
                        "Container Security",
                        "image provenance, admission policies and runtime detection.",
                    ),
                ],
                [
                    "An access key leaked to a public repository an hour ago. What do you do?",
                    "Design guardrails so no team can open a storage bucket to the internet.",
                ],
            ),
            (
                "Detection and Response",
                "The response round is a live scenario with incomplete information.",
                [
                    (
                        "Detection Engineering",
                        "writing and tuning detections with low false positives.",
                    ),
                    ("Forensics", "timelines, log sources and evidence handling."),
                    ("Communication", "status updates, legal involvement and postmortems."),
                ],
                [
                    "An alert shows an admin login from a new country at 2 a.m. What next?",
                    "How do you measure whether your detections are any good?",
                ],
            ),
        ],
        "must": [
            "Hands-on experience with application or cloud security.",
            "Ability to read and write code in Python or Go.",
            "Knowledge of common attack techniques and mitigations.",
        ],
        "nice": [
            "Security certifications or published research.",
            "Experience with compliance programs in {domain}.",
        ],
        "levers": [
            (
                "Incident Response Premium",
                "I have led response to real breaches; that "
                "experience is rare and supports {base_ask} base.",
            ),
            (
                "Compliance Ownership",
                "I will own the security review for the {product}, which "
                "carries audit risk. I need {stock_ask} in equity.",
            ),
            ("Competing Security Offer", "{peer} has offered {tc} TC for a similar security role."),
        ],
    },
    "product": {
        "team": "product",
        "focus": [
            "roadmap strategy",
            "pricing and packaging",
            "platform products",
            "growth experiments",
            "program delivery",
            "customer discovery",
            "cross-team launches",
        ],
        "tools": [
            "product analytics suites",
            "experimentation platforms",
            "roadmapping tools",
            "SQL",
            "customer interview programs",
            "OKR frameworks",
        ],
        "pillars": [
            (
                "Product Sense",
                "you must show how you find the real user problem and decide what not to build.",
            ),
            (
                "Execution",
                "interviewers probe how you drive launches across teams, manage risk "
                "and keep dates honest.",
            ),
            (
                "Analytical Thinking",
                "you should define metrics, size opportunities and read "
                "experiment results critically.",
            ),
            (
                "Leadership and Influence",
                "the team looks for people who align engineers, "
                "design and sales without formal authority.",
            ),
        ],
        "topics": [
            (
                "Product Sense and Strategy",
                "Expect an open-ended design question about {company_s} own products.",
                [
                    ("User Problems", "segments, jobs to be done and pain points."),
                    ("Prioritization", "trade-offs, sequencing and saying no."),
                    ("Strategy", "competition, moats and platform bets."),
                ],
                [
                    "How would you improve the {product} for first-time customers?",
                    "What should {company} build next, and what would you stop doing?",
                ],
            ),
            (
                "Metrics and Analytics",
                "The analytics round checks whether you can pick and defend metrics.",
                [
                    ("North Star Metrics", "choosing one, and the guardrails around it."),
                    ("Diagnosis", "breaking down a metric drop by segment and funnel step."),
                    ("Experiments", "A/B test design and reading ambiguous results."),
                ],
                [
                    "Weekly active users fell 8% last week. How do you find out why?",
                    "Which metric would you put on the dashboard for {metric_short}?",
                ],
            ),
            (
                "Execution and Program Delivery",
                "Program and product managers both get a delivery round.",
                [
                    ("Planning", "milestones, dependencies and critical paths."),
                    ("Risk Management", "surfacing risks early and cutting scope deliberately."),
                    ("Stakeholders", "keeping engineering, sales and support aligned."),
                ],
                [
                    "Your launch slips two weeks a month before {event}. What do you do?",
                    "Tell me about a program you rescued.",
                ],
            ),
            (
                "Technical Depth",
                "Technical product roles include a system design conversation.",
                [
                    ("Architecture Basics", "APIs, data flows and scaling limits."),
                    ("Trade-offs", "build versus buy, and platform versus feature work."),
                    ("Working with Engineers", "estimates, tech debt and design reviews."),
                ],
                [
                    "Explain how the {product} might work under the hood.",
                    "Engineering wants a quarter for tech debt. How do you decide?",
                ],
            ),
        ],
        "must": [
            "Several years of product or program management in a technical domain.",
            "Strong written communication and structured thinking.",
            "Comfort with data and experiment results.",
        ],
        "nice": [
            "An engineering background.",
            "Experience selling to enterprise customers in {domain}.",
        ],
        "levers": [
            (
                "Revenue Ownership",
                "I will own a roadmap tied directly to the {product} revenue; "
                "that scope supports {base_ask} base.",
            ),
            (
                "Launch Track Record",
                "I have launched into {event}-scale moments before. I need {stock_ask} in equity.",
            ),
            (
                "Competing Product Offer",
                "{peer} has offered {tc} TC for a comparable product role.",
            ),
        ],
    },
}

_GENERIC_LEVERS = (
    (
        "Competing Offer",
        "I have an offer from {peer} at {tc} TC. {company_s} {domain} scale is "
        "comparable, so I need {base_ask} base.",
    ),
    ("Sign-On Bridge", "A {signon_range} sign-on offsets the unvested equity I leave behind."),
    (
        "Equity Refresh",
        "Given {company_s} growth, I'd like the grant at {stock_ask} over four years.",
    ),
    (
        "Level Calibration",
        "My scope matches {level_hi}, not {level_lo}; at that level the base "
        "starts near {base_ask}.",
    ),
    (
        "Relocation Support",
        "Moving to {region} has real costs; a {reloc} relocation bonus closes the gap.",
    ),
    ("Bonus Target", "I'd like the bonus target written into the offer, plus a {signon} sign-on."),
)

_DNA_PHRASES = (
    "{stage} {domain} leader",
    "{metric} on the {product}",
    "Competitive Base + {equity_kind}",
    "{hq} engineering hub",
    "2026 Focus: {focus_title}",
    "{event} must never go down",
    "{roles} own the {focus}",
    "Profitable since 2021 with {stage_phrase} equity upside",
)
_PREMIUMS = (
    "SCALE PREMIUM",
    "RELIABILITY PREMIUM",
    "GROWTH-STAGE EQUITY",
    "PLATFORM OWNERSHIP PREMIUM",
    "SCARCE SKILLS PREMIUM",
    "MISSION-CRITICAL PREMIUM",
)
_STAGES = ("Series B", "Series C", "Series D", "late-stage private", "public", "pre-IPO")
_STAGE_TITLES = {"late-stage private": "Late-Stage", "public": "Public", "pre-IPO": "Pre-IPO"}

# Prose sentence pools for the negotiation guides; a guide never repeats a sentence.
_NEG_OPENERS = (
    "{roles} at {company} run the {product} that powers its {domain} business.",
    "{company} operates a {product} handling {metric}, and {roles} keep it fast and correct.",
    "At {company}, {roles} sit at the centre of the {product}, the system every customer touches.",
    "The {product} at {company} serves {metric}, and the {team} team is small for that load.",
    "{company} is a {stage_phrase} {domain} company whose {product} now handles {metric}.",
    "Every request to the {product} passes through systems that {roles} at {company} own.",
)
_NEG_MIDDLES = (
    "The hardest week of the year is {event}, when traffic can triple within an hour.",
    "Work here spans {focus} and {focus2}, usually with {tool} and {tool2} in the stack.",
    "{roles} who have handled {event} develop judgment that peers at smaller companies rarely get.",
    "Hiring managers in {hq} say the bar for {focus} has risen every cycle since 2024.",
    "US-based {roles} often focus on {focus}, while the {hq} team owns {focus2}.",
    "{company} benchmarks its offers against {peer} and other {domain} companies.",
    "Recruiters have some room on base but considerably more on equity and sign-on.",
    "The {team} organisation reports into the CTO and has doubled in headcount in two years.",
    "Candidates who can show measurable wins in {focus} tend to land at the top of the band.",
    "Equity vests over four years with a one-year cliff, and refreshers follow strong reviews.",
    "Offers in {region} track the {hq} band closely once adjusted for local pay levels.",
    "The company expects {roles} to be fluent in {tool} from the first week.",
    "Teams are organised around {focus}, with an on-call rotation shared across regions.",
    "A failed release during {event} once cost {company} a week of customer goodwill.",
    "Leadership has made {focus} a company-level priority for 2026.",
    "The {product} grew faster than the {team} team last year, so experienced hires are scarce.",
    "Several of {company_s} senior {roles} came from {peer}, which keeps the two bands close.",
    "Internal transfers rarely fill these roles, so recruiters have budget to close outside "
    "candidates.",
    "Promotion to the next level usually takes eighteen months to two years.",
    "Customers in {domain} notice minutes of degradation, which raises the stakes for every "
    "change.",
    "Most of the stack runs on {tool}, with {tool2} added where the old design hit its limits.",
    "Regional teams in {region} work on the same systems as {hq}, not on a reduced scope.",
    "The interview loop weighs {focus} heavily, and the offer tends to follow the same signal.",
    "{company} prefers to move equity before base, because base bands are set centrally.",
    "The sign-on bonus is usually paid in two instalments over the first year.",
    "Relocation packages exist for moves to {hq} but are rarely offered unprompted.",
    "Annual refresh grants depend on the performance rating and on the company's results.",
    "Demand for {roles} with {focus2} experience has outrun supply in {domain}.",
)
_NEG_CLOSERS = (
    "Compensation is competitive with larger {domain} employers for the same level.",
    "That scope is why the top of the band is reachable for strong candidates.",
    "Expect the first offer to sit near the middle of the band; the top needs evidence.",
    "Base moves less than equity, so anchor your counter on the grant.",
    "Candidates who bring a written competing offer usually move the package the most.",
    "Ask for the level first; the band follows the level, not the other way round.",
)
_SECTION_TITLES = (
    "The {event_title} Premium",
    "{focus_title} Lever",
    "Why {company} Pays for {focus_title}",
    "The {product_title} Challenge",
    "{focus_title} and {focus2_title}",
)


class _Sentences:
    """Fills sentences from pools for one guide, never repeating one until its pool is used up."""

    def __init__(self, rng: random.Random, slots: dict) -> None:
        self.rng = rng
        self.slots = slots
        self.left: dict[int, list[str]] = {}

    def take(self, pool: Sequence[str], count: int = 1) -> list[str]:
        remaining = self.left.setdefault(id(pool), [])
        taken = []
        for _ in range(count):
            if not remaining:
                remaining.extend(pool)
                self.rng.shuffle(remaining)
            taken.append(_fill(remaining.pop(), self.slots))
        return taken

    def paragraph(self, pool: Sequence[str], count: int) -> str:
        return " ".join(self.take(pool, count))


def _company_stems(rng: random.Random) -> list[str]:
    stems = sorted(
        {
            prefix + suffix
            for prefix in _PREFIXES
            for suffix in _SUFFIXES
            if (prefix + suffix).lower() not in _AVOID_STEMS
        }
    )
    rng.shuffle(stems)
    return stems


# --- amounts, written as the guides write them ------------------------------------------------

_STEP = {
    "USD": 1e3,
    "GBP": 1e3,
    "EUR": 1e3,
    "CAD": 1e3,
    "SGD": 1e3,
    "CNY": 1e4,
    "INR": 1e5,
    "JPY": 1e5,
}
_PREFIX_CHOICES = {
    "USD": ("$", "$", "$", "$", "$", "US$"),
    "GBP": ("£", "£", "GBP "),
    "EUR": ("€", "€", "EUR "),
    "CAD": ("CA$", "C$", "CAD "),
    "SGD": ("SGD ", "SGD ", "S$"),
    "CNY": ("CNY ", "CNY ", "RMB "),
    "INR": ("₹", "INR "),
    "JPY": ("JPY ",),
}


@dataclass
class _MoneyStyle:
    """How one guide writes amounts: per-currency prefix, compact or full numbers, the dash."""

    prefixes: dict[str, str]
    compact: bool
    dash: str
    currency_once: bool  # "CNY 400K–740K": the code written once for a range
    lakh_words: bool  # "₹45 lakh" rather than "₹45L"

    @classmethod
    def draw(cls, rng: random.Random) -> _MoneyStyle:
        return cls(
            prefixes={cur: rng.choice(options) for cur, options in _PREFIX_CHOICES.items()},
            compact=rng.random() < 0.85,
            dash=rng.choices(("–", "-", " – ", " to "), weights=(80, 12, 5, 3))[0],
            currency_once=rng.random() < 0.3,
            lakh_words=rng.random() < 0.3,
        )

    def number(self, value: float, currency: str) -> str:
        if not self.compact:
            return f"{value:,.0f}"
        if currency == "INR":
            if value >= 1e7:
                crore = f"{value / 1e7:.2f}".rstrip("0").rstrip(".")
                return f"{crore} crore" if self.lakh_words else f"{crore}Cr"
            return f"{value / 1e5:.0f} lakh" if self.lakh_words else f"{value / 1e5:.0f}L"
        if value >= 1e6:
            return f"{value / 1e6:.2f}".rstrip("0").rstrip(".") + "M"
        return f"{value / 1e3:.0f}K"

    def amount(self, value: float, currency: str, bare: bool = False) -> str:
        text = self.number(value, currency)
        return text if bare else f"{self.prefixes[currency]}{text}"

    def span(self, low: float, high: float, currency: str, bare: bool = False) -> str:
        first = self.amount(low, currency, bare)
        code_prefix = self.prefixes[currency].endswith(" ")
        second = self.amount(high, currency, bare or (self.currency_once and code_prefix))
        return f"{first}{self.dash}{second}"


def _nice(value: float, currency: str) -> float:
    step = _STEP[currency]
    if value >= 1e6 and step < 1e4:
        step = 1e4  # keeps "1.15M" exact with two decimals
    return float(round(value / step) * step)


# --- companies and the plan of guides -------------------------------------------------------


@dataclass
class _Company:
    index: int
    name: str
    slug: str
    domain: tuple[str, str, str, str, tuple[str, ...]]
    metric: str
    stage: str
    footprint: tuple[str, ...]
    pay_factor: float
    ladder: tuple[str, str]
    roles: list[tuple[str, str, float]]
    interview_roles: set[str]
    negotiation_roles: set[str]
    peers: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _identity(index: int, stem: str, seed: int) -> tuple[str, tuple]:
    """A company's name and domain: the stem plus a descriptor that fits the domain."""
    rng = random.Random(f"benchcorpus:{seed}:identity:{index}")
    domain = rng.choice(_DOMAINS)
    return f"{stem} {rng.choice(domain[4] + ('Systems', 'Cloud', 'Labs', 'Technologies'))}", domain


def _make_company(index: int, stem: str, seed: int, peer_pool: Sequence[str]) -> _Company:
    name, domain = _identity(index, stem, seed)
    rng = random.Random(f"benchcorpus:{seed}:company:{index}")
    magnitude = rng.choice((2, 3, 4, 5, 6, 8, 12, 15, 20, 25, 40, 60, 120))
    footprint_choice = rng.choice(_FOOTPRINTS)
    role_count = rng.choices((1, 2, 3, 4), weights=(50, 30, 14, 6))[0]
    roles = rng.sample(_ROLES, role_count)
    negotiation_roles, interview_roles = set(), set()
    for role, _, _ in roles:
        draw = rng.random()
        if draw < 0.62:
            negotiation_roles.add(role)
        elif draw < 0.9:
            negotiation_roles.add(role)
            interview_roles.add(role)
        else:
            interview_roles.add(role)
    return _Company(
        index=index,
        name=name,
        slug=_slug(name),
        domain=domain,
        metric=domain[2].format(n=magnitude),
        stage=rng.choice(_STAGES),
        footprint=footprint_choice,
        pay_factor=rng.uniform(0.86, 1.18),
        ladder=rng.choice(_LADDERS),
        roles=roles,
        interview_roles=interview_roles,
        negotiation_roles=negotiation_roles,
        peers=rng.sample(list(peer_pool), min(3, len(peer_pool))),
    )


def _plan(seed: int):
    """Endless (company, role, kind) in a fixed order for the seed: a run of N is a prefix."""
    stems = _company_stems(random.Random(f"benchcorpus:{seed}:names"))
    names: list[str] = []
    for index, stem in enumerate(stems):
        # Competitors named in a guide are companies of the corpus (the first one looks ahead).
        peer_pool = names[-400:] or [_identity(j, stems[j], seed)[0] for j in (1, 2, 3)]
        company = _make_company(index, stem, seed, peer_pool)
        names.append(company.name)
        for role in company.roles:
            if role[0] in company.negotiation_roles:
                yield company, role, "negotiation"
            if role[0] in company.interview_roles:
                yield company, role, "interview"
    raise ValueError(f"the name pool is exhausted after {len(stems)} companies")


def generate_guides(count: int, seed: int) -> list[GeneratedGuide]:
    """The first `count` guides for `seed`, in order; the same arguments give the same guides."""
    if count < 0:
        raise ValueError("count must be zero or more")
    guides: list[GeneratedGuide] = []
    if count == 0:
        return guides
    for position, (company, role, kind) in enumerate(_plan(seed)):
        rng = random.Random(f"benchcorpus:{seed}:guide:{company.index}:{role[0]}:{kind}")
        if kind == "negotiation":
            guides.append(_negotiation_guide(rng, company, role))
        else:
            guides.append(_interview_guide(rng, company, role))
        if position + 1 == count:
            break
    return guides


# --- negotiation guides ---------------------------------------------------------------------


def _slots(rng: random.Random, company: _Company, role: tuple[str, str, float]) -> dict:
    family = _FAMILY[role[1]]
    focus = rng.sample(family["focus"], 2)
    tools = rng.sample(family["tools"], 2)
    domain, product, _, event, _ = company.domain
    peer = company.peers[0] if company.peers else "a public-company peer"
    return {
        "company": company.name,
        "company_s": _possessive(company.name),
        "role": role[0],
        "roles": _plural(role[0]),
        "domain": domain,
        "product": product,
        "product_title": _title(product),
        "metric": company.metric,
        "metric_short": company.metric.split(" ", 1)[-1],
        "event": event,
        "event_title": _title(event),
        "focus": focus[0],
        "focus2": focus[1],
        "focus_title": _title(focus[0]),
        "focus2_title": _title(focus[1]),
        "tool": tools[0],
        "tool2": tools[1],
        "team": family["team"],
        "peer": peer,
        "hq": company.footprint[0],
        "stage": _STAGE_TITLES.get(company.stage, company.stage),
        "stage_phrase": company.stage,  # as written mid-sentence: "Series B", "pre-IPO"
        "equity_kind": "Pre-IPO Options" if company.stage == "pre-IPO" else "RSU Upside",
        "level_lo": f"{company.ladder[0]}",
        "level_hi": f"{company.ladder[1]}",
    }


def _title(text: str) -> str:
    """'GPU training cloud' -> 'GPU Training Cloud' (str.title would write 'Gpu')."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _plural(role: str) -> str:
    return role + "s"


def _fill(template: str, slots: dict) -> str:
    return template.format_map(slots)


def _band_rows(
    rng: random.Random,
    company: _Company,
    role: tuple[str, str, float],
    regions: list[str],
    layout: dict,
) -> list[BandRow]:
    rows = []
    bonus_spread = rng.choice(
        ((5, 5), (10, 10), (15, 15), (5, 10), (10, 15), (15, 25), (10, 20), (20, 20), (8, 12))
    )
    for key in regions:
        currency, mid, names = _REGIONS[key]
        display = rng.choice(names)
        if key == company.footprint[0] and "(" not in display and rng.random() < 0.6:
            display = f"{display} (HQ)"
        base_min = _nice(mid * company.pay_factor * role[2] * rng.uniform(0.8, 0.9), currency)
        base_max = _nice(base_min * rng.uniform(1.25, 1.45), currency)
        stock_min = stock_max = years = None
        basis = ""
        if layout["stock"]:
            years, basis = layout["stock_years"], layout["stock_basis"]
            grant = base_min * rng.uniform(0.35, 0.95)
            if basis == "per_year":
                grant /= 4
            stock_min = _nice(grant, currency)
            stock_max = _nice(grant * rng.uniform(1.8, 2.8), currency)
        bonus_lo, bonus_hi = bonus_spread
        if layout["regional_bonus"] and currency in ("CNY", "INR", "JPY"):
            bonus_lo, bonus_hi = bonus_lo + 5, bonus_hi + 5
        total_min = total_max = None
        if layout["total"]:
            per_year = 1 if basis == "per_year" else (years or 4)
            total_min = _nice(
                base_min * (1 + bonus_lo / 100) + (stock_min or 0) / per_year, currency
            )
            total_max = _nice(
                base_max * (1 + bonus_hi / 100) + (stock_max or 0) / per_year, currency
            )
        has_bonus = layout["bonus"]
        rows.append(
            BandRow(
                region=display,
                currency=currency,
                base_min=base_min,
                base_max=base_max,
                stock_min=stock_min,
                stock_max=stock_max,
                stock_vesting_years=years,
                stock_basis=basis,
                bonus_min_pct=float(bonus_lo) if has_bonus else None,
                bonus_max_pct=float(bonus_hi) if has_bonus else None,
                total_min=total_min,
                total_max=total_max,
            )
        )
    return rows


_STOCK_HEADERS = (
    ("Stock (RSU/4yr)", 4, "grant"),
    ("Stock (RSU/4yr)", 4, "grant"),
    ("Equity (4yr)", 4, "grant"),
    ("RSUs (over 4 years)", 4, "grant"),
    ("Stock (RSU/3yr)", 3, "grant"),
    ("RSU / yr", None, "per_year"),
    ("Equity / yr", None, "per_year"),
)


def _table_layout(rng: random.Random, company: _Company) -> dict:
    stock_header, years, basis = rng.choice(_STOCK_HEADERS)
    if company.stage == "pre-IPO" and basis == "grant":
        stock_header = f"Options ({years}yr)"
    return {
        "region": rng.choices(("Region", "Location", "Market", "Office"), weights=(70, 18, 6, 6))[
            0
        ],
        "base": rng.choice(("Base Salary", "Base Salary", "Base", "Base Pay")),
        "stock": rng.random() < 0.93,
        "stock_header": stock_header,
        "stock_years": years,
        "stock_basis": basis,
        "bonus": rng.random() < 0.92,
        "bonus_header": rng.choice(("Bonus", "Bonus", "Target Bonus", "Annual Bonus")),
        "bonus_form": rng.choices(("plain", "target", "tilde"), weights=(80, 12, 8))[0],
        "regional_bonus": rng.random() < 0.4,
        "total": rng.random() < 0.78,
        "total_header": rng.choice(("Total Comp", "Total Comp", "Total Compensation", "TC")),
        "sign_on": rng.random() < 0.12,
        "header_currency": rng.random() < 0.15,
        "bold_regions": rng.random() < 0.1,
        "bare": rng.random() < 0.05,
        "align": rng.random() < 0.15,
    }


def _bonus_cell(row: BandRow, layout: dict, dash: str) -> str:
    low, high = int(row.bonus_min_pct), int(row.bonus_max_pct)
    text = f"{low}%" if low == high else f"{low}{'-' if dash == '-' else '–'}{high}%"
    if layout["bonus_form"] == "target":
        return f"{text} target"
    if layout["bonus_form"] == "tilde" and low == high:
        return f"~{text}"
    return text


def _render_table(
    rows: list[BandRow], layout: dict, money: _MoneyStyle, header_currency: str = ""
) -> str:
    def head(name: str) -> str:
        return f"{name} ({header_currency})" if header_currency else name

    headers = [layout["region"], head(layout["base"])]
    if layout["stock"]:
        stock = layout["stock_header"]
        if header_currency:
            stock = stock.replace("(", f"({header_currency}, ") if "(" in stock else head(stock)
        headers.append(stock)
    if layout["bonus"]:
        headers.append(layout["bonus_header"])
    if layout["total"]:
        headers.append(head(layout["total_header"]))
    if layout["sign_on"]:
        headers.append(head("Sign-On"))
    if header_currency:
        headers = [f"**{cell}**" for cell in headers]
    bare = bool(header_currency)
    lines = []
    for row in rows:
        region = f"**{row.region}**" if layout["bold_regions"] else row.region
        cells = [region, money.span(row.base_min, row.base_max, row.currency, bare)]
        if layout["stock"]:
            cells.append(money.span(row.stock_min, row.stock_max, row.currency, bare))
        if layout["bonus"]:
            cells.append(_bonus_cell(row, layout, money.dash))
        if layout["total"]:
            cells.append(money.span(row.total_min, row.total_max, row.currency, bare))
        if layout["sign_on"]:
            cells.append(money.amount(_nice(row.base_min * 0.12, row.currency), row.currency, bare))
        lines.append(cells)
    if layout["align"]:
        separator = [":---"] + ["---:"] * (len(headers) - 1)
    else:
        separator = ["-" * max(3, len(cell) + 2) for cell in headers]
    table = [headers, separator, *lines]
    if layout["bare"] and not header_currency:
        return "\n".join(" | ".join(cells) for cells in table)
    return "\n".join("| " + " | ".join(cells) + " |" for cells in table)


def _negotiation_guide(
    rng: random.Random, company: _Company, role: tuple[str, str, float]
) -> GeneratedGuide:
    slots = _slots(rng, company, role)
    money = _MoneyStyle.draw(rng)
    others = list(company.footprint[1:])
    regions = [company.footprint[0], *rng.sample(others, rng.randint(1, min(5, len(others))))]
    regions.sort(key=company.footprint.index)
    layout = _table_layout(rng, company)
    rows = _band_rows(rng, company, role, regions, layout)
    home = rows[0]
    slots["region"] = rng.choice(rows[1:] or rows).region
    cur = home.currency

    def amt(value: float) -> str:
        return money.amount(_nice(value, cur), cur)

    slots.update(
        base_ask=amt(home.base_max * 0.96),
        stock_ask=amt((home.stock_max or home.base_max * 0.8) * 0.95),
        tc=amt(home.total_max or home.base_max * 1.3),
        signon=amt(home.base_min * rng.uniform(0.1, 0.2)),
        signon_range=money.span(
            _nice(home.base_min * 0.12, cur), _nice(home.base_min * 0.22, cur), cur
        ),
        reloc=amt(home.base_min * 0.08),
        floor=amt(home.base_min * 1.08),
        offer_base=amt(home.base_min * 1.05),
        offer_stock=amt((home.stock_min or home.base_min * 0.4) * 1.1),
    )

    title_form = rng.choices((0, 1, 2, 3), weights=(50, 20, 15, 15))[0]
    company_name, role_name = company.name, role[0]
    title = (
        f"### {role_name} | {company_name} Global Negotiation Guide",
        f"## {role_name} | {company_name} Negotiation Guide",
        f"# {company_name} — {role_name} Offer Negotiation Guide",
        f"### {role_name} | {company_name} Compensation & Negotiation Guide",
    )[title_form]

    dna = " | ".join(_fill(phrase, slots) for phrase in rng.sample(_DNA_PHRASES, 3))
    parts = [title, "", f"**Negotiation DNA:** {dna} | **{rng.choice(_PREMIUMS)}**", ""]

    if layout["header_currency"]:
        by_currency: dict[str, list[BandRow]] = {}
        for row in rows:
            by_currency.setdefault(row.currency, []).append(row)
        first_currency = rows[0].currency
        parts += [_render_table(by_currency[first_currency], layout, money, first_currency), ""]
        rest = [row for row in rows if row.currency != first_currency]
        if rest:
            parts += ["**International Offices**", "", _render_table(rest, layout, money), ""]
        rows = by_currency[first_currency] + rest
    else:
        parts += [_render_table(rows, layout, money), ""]

    dna_heading = rng.choice(
        ("**Negotiation DNA**", "**Why the Band Looks Like This**", "### Negotiation DNA")
    )
    parts += [dna_heading, ""]
    prose = _Sentences(rng, slots)
    for _ in range(rng.randint(2, 3)):
        sentences = prose.take(_NEG_OPENERS) + prose.take(_NEG_MIDDLES, rng.randint(3, 5))
        parts += [" ".join(sentences + prose.take(_NEG_CLOSERS)), ""]

    low, high = company.ladder
    peer = slots["peer"]
    mapping = rng.choice(
        (
            f"{role_name} at {company_name} ({low}-{high}) = {peer} {role_name} II-Senior = Big "
            f"Tech {role_name} L4-L5",
            f"{company_name} {role_name} = {peer} {role_name} = Big Tech L4 {role_name}",
            f"{low} maps to Big Tech L3, {high} to L5; {peer} levels {role_name}s one step lower",
        )
    )
    parts += [f"**Level Mapping:** {mapping}", ""]

    section = _fill(rng.choice(_SECTION_TITLES), slots)
    parts += [rng.choice((f"**{section}**", f"### {section}")), ""]
    for _ in range(rng.randint(1, 2)):
        parts += [prose.paragraph(_NEG_MIDDLES, rng.randint(3, 4)), ""]

    family = _FAMILY[role[1]]
    levers = rng.sample(family["levers"], 2) + rng.sample(_GENERIC_LEVERS, rng.randint(2, 3))
    rng.shuffle(levers)
    parts += [rng.choice(("**Global Levers**", "**Negotiation Levers**", "### Global Levers")), ""]
    for number, (name, text) in enumerate(levers, start=1):
        parts.append(f'{number}. **{name}:** "{_fill(text, slots)}"')
    parts.append("")

    script = [
        "Thank you for the offer of {offer_base} base and {offer_stock} in equity.",
        rng.choice(
            (
                "{company_s} {product} at {metric} is exactly the scale I want to work at.",
                "The {focus} challenges here, especially around {event}, are why I want this role.",
            )
        ),
        rng.choice(
            (
                "I have a competing offer from {peer} at {tc} TC.",
                "I am in final rounds elsewhere with total compensation near {tc}.",
            )
        ),
        "To accept, I need {base_ask} base, {stock_ask} equity, and a {signon} signing bonus.",
    ]
    if rng.random() < 0.6:
        script.append("My floor is {floor}; below that, I will take the other offer.")
    label = rng.choices(("Negotiate Up Strategy", "Counter Script"), weights=(85, 15))[0]
    parts += [f'> **{label}:** "{_fill(" ".join(script), slots)}"', ""]

    parts.append(rng.choice(("**Evidence & Sources**", "#### Evidence & Sources")))
    sources = [
        f"- Levels.fyi {company_name} {role_name} compensation (2024-2026)",
        f"- Glassdoor {company_name} {family['team']} salary reports (2024-2026)",
        f"- Blind verified threads, {company_name} {family['team']} teams (2024-2025)",
        f"- {company_name} {slots['product']} engineering blog (2025)",
        f"- {peer} competing offer benchmarks (2025)",
        f"- Recruiter conversations for {slots['hq']} {role_name} openings (2025)",
    ]
    parts += rng.sample(sources, rng.randint(3, 5))
    text = "\n".join(parts).rstrip() + "\n"
    return GeneratedGuide(
        file_name=f"{company.slug}-{_slug(role_name)}-negotiation.md",
        company=company_name,
        role=role_name,
        kind="negotiation",
        text=text,
        bands=tuple(rows),
        regions=tuple(regions),
    )


# --- interview guides -----------------------------------------------------------------------

_INTRO_SENTENCES = (
    "At {company}, the {role} role is central to the {product} that serves {metric}.",
    "You are not simply closing tickets; you shape how the {product} behaves during {event}.",
    "This position sits at the intersection of {focus} and {focus2}.",
    "Whether you join the {hq} team or a regional office, your mandate is quality at scale.",
    "For a candidate, this means high visibility and problems that only exist at {company_s} "
    "scale.",
    "You will be expected to bring an engineering mindset to every decision, treating "
    "reliability and clarity as features.",
    "Teams work daily with {tool} and {tool2}, and they expect new hires to pick up internal "
    "tools quickly.",
    "{company} is a {stage_phrase} {domain} company, and the {team} group is growing in {hq}.",
    "The role carries real ownership: the people who build a system at {company} also answer "
    "for it in production.",
    "Much of the work is invisible when it goes well and very visible during {event}.",
    "You will move beyond one-off fixes to design systems that keep working as the {product} "
    "grows.",
    "The {team} group is organised into small teams, each owning a slice of the {product}.",
    "New hires usually spend their first quarter on {focus} before taking on {focus2}.",
    "Customers in {domain} depend on the {product} every day, so mistakes are expensive.",
)
_PREP_SENTENCES = (
    "Preparation for {company} is distinct because interviewers value depth over breadth.",
    "Approach your preparation as someone who owns a feature from design to production.",
    "Candidates who prepare concrete stories about {focus} do noticeably better.",
    "Review the public material on the {product} before your first conversation.",
    "Interviewers follow up on every answer, so prepare to explain the reasoning behind your "
    "choices.",
    "Practise thinking aloud; a silent correct answer scores lower than a narrated one.",
    "Expect the bar to rise with the level you are interviewing for.",
)
_PROCESS_SENTENCES = (
    "The process typically begins with a recruiter screen to align on background and interest.",
    "This is followed by one or two technical screens, usually over video with a shared editor.",
    "The onsite stage, often virtual, consists of three to five back-to-back rounds.",
    "A distinctive feature of the {company} loop is its focus on practical scenarios drawn "
    "from real incidents.",
    "The hiring manager round is not a formality; it checks how you handle ambiguity and conflict.",
    "Most candidates hear back within a week of the final round.",
    "Expect at least one round on {focus}, since the team leans on it every day.",
    "The whole loop usually takes three to six weeks, depending on scheduling across time zones.",
    "Some teams add a take-home exercise, usually capped at three hours.",
    "Interviewers write independent feedback before a debrief, where a hiring committee decides.",
    "Candidates for senior levels meet a second manager who calibrates the level.",
    "For roles in {hq}, at least one interviewer usually sits on the team you would join.",
)
_RESPONSIBILITIES = (
    (
        "Ownership of Core Systems",
        "You will own parts of the {product} end to end, from design "
        "reviews to on-call follow-ups.",
    ),
    (
        "Cross-Team Collaboration",
        "You will work with product, design and support to turn "
        "customer problems into shipped improvements.",
    ),
    (
        "Continuous Improvement",
        "You are expected to find bottlenecks in {focus} and propose "
        "changes that make the system simpler and faster.",
    ),
    (
        "Preparing for Peak Load",
        "Ahead of {event}, you will help plan capacity, rehearse "
        "failure scenarios and write runbooks.",
    ),
    (
        "Mentoring",
        "Senior hires review designs, coach newer teammates and raise the bar for {focus2}.",
    ),
    (
        "Measuring What Matters",
        "You will define the metrics that show whether {focus} is "
        "improving and report them to the wider {team} group.",
    ),
    (
        "Tooling and Automation",
        "You will replace manual steps with tools built on {tool}, so "
        "the team spends its time on harder problems.",
    ),
)
_FAQ = (
    (
        "How difficult are the technical rounds for a {role} role?",
        "They are practical but rigorous. Expect medium-difficulty problems and follow-up "
        "questions that test whether you understand your own solution.",
    ),
    (
        "How long does the {company} process take?",
        "Typically four to six weeks from the first screen to an offer, faster when onsite rounds "
        "are scheduled back to back.",
    ),
    (
        "What is the work-life balance like?",
        "It varies by team. Groups close to the {product} have demanding on-call weeks around "
        "{event}, while platform teams are calmer.",
    ),
    (
        "Is remote work possible?",
        "Many teams are hybrid, with two or three office days in {hq}; some roles are fully "
        "remote within one time zone.",
    ),
    (
        "What differentiates a hire from a strong hire?",
        "A strong hire explains why and how, not just what, and connects technical choices to "
        "customer impact.",
    ),
    (
        "Do I need experience in {domain}?",
        "No, but it helps. Showing curiosity about the {product} and its users goes a long way.",
    ),
    (
        "Which programming language should I use?",
        "Use the one you are fastest in. Interviewers care about clarity and correctness more "
        "than about the language.",
    ),
    (
        "Can I reapply if I am rejected?",
        "Yes, usually after six to twelve months. Feedback is rarely shared in detail, so reflect "
        "on which rounds felt weakest.",
    ),
    (
        "How is the level decided?",
        "The debrief proposes a level from the strength of the design and behavioural rounds; "
        "the hiring manager can argue for one step higher.",
    ),
)
_TIPS = (
    (
        "Know the {company} Way",
        "Read the company's published values and be ready to use them when you explain trade-offs.",
    ),
    (
        "Admit What You Don't Know",
        "Say how you would find the answer rather than guessing; "
        "wrong guesses on fundamentals are a red flag.",
    ),
    (
        "Study the {product_title}",
        "Spend an hour with the product documentation so you can use the team's own terms.",
    ),
    (
        "Quantify Your Impact",
        "Bring numbers: latency saved, cost cut, incidents avoided or revenue influenced.",
    ),
    (
        "Highlight Collaboration",
        "Describe moments where you helped another team succeed; lone "
        "heroes are not what {company} hires for.",
    ),
    (
        "Ask About {event_title}",
        "Asking how the team prepares for {event} shows you understand where the pressure is.",
    ),
    (
        "Clarify Before You Build",
        "Restate the problem and its constraints before writing code or drawing boxes.",
    ),
    (
        "Prepare Two Failure Stories",
        "Have one story about a mistake you made and one about a "
        "project that failed, with what you changed afterwards.",
    ),
)
_BEHAVIOURAL_QUESTIONS = (
    "Tell me about a time you disagreed with a senior colleague. What happened?",
    "Describe a project that failed. What would you do differently?",
    "How do you decide what to work on when everything looks urgent?",
    "Tell me about a time you simplified something other people found complicated.",
    "Describe the most valuable feedback you ever received.",
    "Why {company}, and why now?",
)
_SUMMARY_SENTENCES = (
    "Becoming a {role} at {company} is an opportunity to work on {focus} at real scale.",
    "The interview process is rigorous, testing not just what you know but how you think.",
    "Focus your preparation on the technical pillars above and practice explaining your "
    "reasoning out loud.",
    "Approach the behavioural questions with a focus on customers and on the team.",
    "Interviewers remember candidates who ask sharp questions about the {product}.",
    "Treat every round as a working session with a future colleague rather than an exam.",
)
_PAY_SENTENCES = (
    "Total compensation at {company} typically combines base salary, an annual bonus and equity.",
    "Equity can be a large part of the package for senior hires, so ask how it vests.",
    "Offers for the same level differ by office, with {hq} usually at the top of the range.",
)
_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def _interview_guide(
    rng: random.Random, company: _Company, role: tuple[str, str, float]
) -> GeneratedGuide:
    slots = _slots(rng, company, role)
    prose = _Sentences(rng, slots)
    family = _FAMILY[role[1]]
    role_name, company_name = role[0], company.name
    article = "an" if role_name[0] in "AEIOU" or role_name.startswith(("ML", "SRE")) else "a"
    lines = [f"What is {article} {role_name} at {company_name}?"]
    lines += [prose.paragraph(_INTRO_SENTENCES, rng.randint(3, 4)) for _ in range(3)]

    lines.append("Getting Ready for Your Interviews")
    lines.append(prose.paragraph(_PREP_SENTENCES, rng.randint(2, 3)))
    pillars = rng.sample(family["pillars"], min(len(family["pillars"]), rng.randint(3, 4)))
    lines.append(
        f"Your interviewers will evaluate you based on {_NUMBER_WORDS[len(pillars)]} primary "
        "pillars:"
    )
    for name, text in pillars:
        description = _fill(text, slots)
        lines.append(f"{name} – {description[0].upper()}{description[1:]}")

    lines.append("Interview Process Overview")
    lines += [prose.paragraph(_PROCESS_SENTENCES, rng.randint(3, 4)) for _ in range(3)]

    lines.append("Deep Dive into Evaluation Areas")
    lines.append(
        "To succeed, you must demonstrate expertise across several areas. Based on candidate "
        "reports and job requirements, the following are heavily weighted."
    )
    topics = rng.sample(family["topics"], min(len(family["topics"]), rng.randint(3, 5)))
    for heading, intro_text, items, questions in topics:
        lines.append(heading)
        lines.append(_fill(intro_text, slots))
        lines.append("Be ready to go over:")
        lines += [f"- {name}: {_fill(desc, slots)}" for name, desc in items]
        lines.append("Example questions or scenarios:")
        lines += [f'- "{_fill(question, slots)}"' for question in questions]

    lines.append("Key Responsibilities")
    lines.append(
        f"As {article} {role_name} at {company_name}, your day-to-day work mixes planned "
        "engineering with responding to what production tells you."
    )
    for name, text in rng.sample(_RESPONSIBILITIES, rng.randint(3, 4)):
        lines.append(f"{name} {_fill(text, slots)}")

    lines.append("Role Requirements & Qualifications")
    lines.append(
        "Successful candidates typically combine depth in one area with range across the stack."
    )
    lines.append("Must-have skills")
    lines += [f"- {_fill(item, slots)}" for item in family["must"]]
    lines.append("Nice-to-have skills")
    lines += [f"- {_fill(item, slots)}" for item in family["nice"]]

    lines.append("Common Interview Questions")
    lines.append(
        "The following questions are representative of what you might face. They are "
        "derived from candidate reports."
    )
    for heading, _, _, questions in [t for t in family["topics"] if t not in topics][:2]:
        lines.append(heading)
        lines += [f'- "{_fill(question, slots)}"' for question in questions]
    lines.append("Behavioural and Culture")
    lines += [f'- "{question}"' for question in prose.take(_BEHAVIOURAL_QUESTIONS, 3)]

    lines.append("Frequently Asked Questions")
    for question, answer in rng.sample(_FAQ, rng.randint(5, 7)):
        lines.append(f"Q: {_fill(question, slots)} {_fill(answer, slots)}")

    lines.append("Other General Tips")
    for name, text in rng.sample(_TIPS, rng.randint(4, 5)):
        lines.append(f"{_fill(name, slots)}: {_fill(text, slots)}")

    lines.append("Summary & Next Steps")
    lines.append(prose.paragraph(_SUMMARY_SENTENCES, 3))
    lines.append(prose.paragraph(_PAY_SENTENCES, 2))
    lines.append(f"You have the skills to tackle this challenge. Good luck with {company_name}!")
    text = "\n".join(lines) + "\n"
    return GeneratedGuide(
        file_name=f"{company.slug}-{_slug(role_name)}-interview-prep.txt",
        company=company_name,
        role=role_name,
        kind="interview",
        text=text,
    )


# --- writing a corpus folder ----------------------------------------------------------------


def _read_marker(out_dir: Path) -> dict | None:
    marker = out_dir / MARKER_FILE
    if not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generator") != "assistant.benchcorpus":
        return None
    return data


def write_corpus(
    out_dir: Path,
    count: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write `count` generated guides to `out_dir` and return their paths.

    `out_dir` must be missing, empty, or a previous output of this generator (it holds a
    `.benchcorpus` marker listing the files it wrote); then only the files that marker lists
    are replaced, and a folder holding any other file is refused. `progress(1)` is called
    after each file.
    """
    out_dir = Path(out_dir)
    if count < 1:
        raise CorpusError("--guides must be at least 1.")
    if out_dir.exists() and not out_dir.is_dir():
        raise CorpusError(f"{out_dir} is a file; choose a folder for the generated guides.")
    previous: set[str] = set()
    if out_dir.is_dir():
        entries = [path for path in out_dir.iterdir() if not path.name.startswith(".")]
        marker = _read_marker(out_dir)
        if entries and marker is None:
            raise CorpusError(
                f"{out_dir} is not empty and was not written by `coach bench corpus`; "
                "choose an empty or new folder."
            )
        if marker is not None:
            previous = set(marker.get("files", []))
            foreign = sorted(path.name for path in entries if path.name not in previous)
            if foreign:
                raise CorpusError(
                    f"{out_dir} holds files the generator did not write ({', '.join(foreign[:3])}"
                    f"{', …' if len(foreign) > 3 else ''}); move them or choose another folder."
                )
    guides = generate_guides(count, seed)
    names = [guide.file_name for guide in guides]
    if len(set(names)) != len(names):
        raise AssertionError("generated file names collide")  # a generator bug, not user error
    out_dir.mkdir(parents=True, exist_ok=True)
    marker_data = {
        "generator": "assistant.benchcorpus",
        "version": MARKER_VERSION,
        "seed": seed,
        "count": count,
        # Previous files stay listed until they are gone, so an interrupted run can be redone.
        "files": sorted(set(names) | previous),
    }
    (out_dir / MARKER_FILE).write_text(json.dumps(marker_data, indent=1) + "\n", encoding="utf-8")
    for stale in sorted(previous - set(names)):
        (out_dir / stale).unlink(missing_ok=True)
    paths = []
    for guide in guides:
        path = out_dir / guide.file_name
        path.write_bytes(guide.text.encode("utf-8"))
        paths.append(path)
        if progress:
            progress(1)
    marker_data["files"] = sorted(names)
    (out_dir / MARKER_FILE).write_text(json.dumps(marker_data, indent=1) + "\n", encoding="utf-8")
    return paths
