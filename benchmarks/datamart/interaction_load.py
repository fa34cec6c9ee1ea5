#!/usr/bin/env python3
"""Posts interactions in batches to a running server and prints the sustained rate.

Each event belongs to one of --persons people, known by an email address. One event in ten also carries a new
device token, so identities keep growing, and one in six is a purchase with two lines. Only loopback URLs are
accepted, and the run stops after --events events.
"""
import argparse
import base64
import json
import random
import threading
import time
import urllib.parse
import urllib.request

TYPES = ["APP_OPENED", "WEB_VISIT", "PURCHASE", "STORE_VISIT", "EMAIL_OPENED", "PUSH_OPENED"]
# The stores of the demo profile: the server rejects an interaction whose storeId names no store it holds.
STORES = ["demo-maubert", "demo-bastille", "demo-republique", "fleurs-du-canal"]


def batch(run, start, size, persons):
    events = []
    for number in range(start, start + size):
        person = random.randrange(persons)
        kind = TYPES[number % len(TYPES)]
        identities = [{"type": "EMAIL", "value": f"load-{person}@example.fr"}]
        if number % 10 == 0:
            identities.append({"type": "DEVICE_TOKEN", "value": f"token-{run}-{number}"})
        attributes = {"storeId": STORES[person % len(STORES)]}
        if kind == "PURCHASE":
            attributes["lines"] = [
                {"product": "p1", "category": f"cat-{number % 7}", "quantity": 1, "amount": 12.5},
                {"product": "p2", "category": "wine", "quantity": 2, "amount": 30}]
        events.append({"eventId": f"{run}-{number}", "type": kind, "occurredAt": "2026-12-01T10:00:00Z",
                       "identities": identities, "attributes": attributes})
    return json.dumps(events).encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--user", default="app")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--events", type=int, default=100_000, help="events to post in all")
    parser.add_argument("--batch", type=int, default=500, help="events per request")
    parser.add_argument("--clients", type=int, default=4, help="requests in flight at once")
    parser.add_argument("--persons", type=int, default=20_000, help="distinct people the events belong to")
    args = parser.parse_args()
    if urllib.parse.urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("only a server on loopback may be loaded")

    run = f"load{int(time.time())}"
    token = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    starts = list(range(0, args.events, args.batch))
    lock = threading.Lock()
    counts = {"STORED": 0, "DUPLICATE": 0, "REJECTED": 0}

    def worker():
        while True:
            with lock:
                if not starts:
                    return
                start = starts.pop(0)
            body = batch(run, start, min(args.batch, args.events - start), args.persons)
            request = urllib.request.Request(args.url + "/api/v1/interactions", data=body, method="POST",
                                             headers={"Content-Type": "application/json",
                                                      "Authorization": "Basic " + token})
            with urllib.request.urlopen(request, timeout=300) as response:
                rows = json.load(response)
            with lock:
                for row in rows:
                    counts[row["status"]] += 1

    began = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    print(f"{args.events} events in {elapsed:.1f} s: {args.events / elapsed:.0f} interactions/s; {counts}")


if __name__ == "__main__":
    main()
