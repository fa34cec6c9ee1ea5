#!/usr/bin/env python3
"""Split the request threads' JFR execution samples of a decision benchmark by layer.

Usage: jfr print --events jdk.ExecutionSample --stack-depth 256 profile-c32.jfr > samples.txt
       python3 benchmarks/decisions/jfr_layers.py samples.txt

A sample counts for the first frame from the top of its stack that belongs to a known library or to the project, so
JDK frames count for their caller. The recording keeps 64 frames unless the server runs with
-XX:FlightRecorderOptions=stackdepth=256, and a sample cut short may then count for a library below its real caller.
"""
import collections
import re
import sys

LAYERS = [
    ("org.postgresql", "PostgreSQL driver"), ("com.zaxxer", "Hikari"), ("org.hibernate", "Hibernate"),
    ("org.springframework.orm", "Spring Data JPA"), ("org.springframework.data", "Spring Data JPA"),
    ("org.springframework.jdbc", "Spring JDBC"), ("org.springframework.transaction", "Spring transactions"),
    ("org.drools", "Drools"), ("org.kie", "Drools"), ("org.mvel", "Drools"),
    ("tools.jackson", "Jackson"), ("com.fasterxml", "Jackson"),
    ("org.springframework.security", "Spring Security"), ("org.apache", "Tomcat"),
    ("org.springframework.web", "Spring MVC"), ("org.springframework", "Spring, other"),
    ("io.solomo", "project code"),
]


def layer_of(frames):
    for frame in frames:
        for prefix, layer in LAYERS:
            if frame.startswith(prefix):
                return layer
    return "JDK only"


def main(path):
    text = open(path, encoding="utf-8").read()
    layers = collections.Counter()
    project = collections.Counter()
    total = 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if not thread or "http-nio" not in thread.group(1):
            continue
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
        total += 1
        layers[layer_of(frames)] += 1
        innermost = next((frame for frame in frames if frame.startswith("io.solomo")), None)
        if innermost:
            project[innermost] += 1
    print(f"request-thread samples: {total}")
    for layer, count in layers.most_common():
        print(f"  {layer:22s} {count:6d} {100.0 * count / max(total, 1):5.1f} %")
    print("innermost project frame (the project method that led to the sample):")
    for frame, count in project.most_common(20):
        print(f"  {count:6d} {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
