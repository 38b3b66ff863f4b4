import os
import sqlite3

import psycopg2
import redis
from flask import Flask, current_app, jsonify
from pymongo import MongoClient
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["DATABASE_URL"])  # ok: DB001
_cache = None


@app.route("/orders")
def orders():
    conn = psycopg2.connect(os.environ["DATABASE_URL"])  # expect: DB001
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM orders")
        return jsonify(cur.fetchall())


report_engine = create_engine(os.environ["REPORTS_URL"], pool_size=5)  # expect: DB001


@app.get("/reports")
def reports():
    with report_engine.connect() as conn:
        rows = conn.execute(text("SELECT 1")).all()
    return jsonify([list(r) for r in rows])


@app.get("/hits")
def hits():
    r = redis.Redis(host=current_app.config["REDIS_HOST"])  # expect: DB001
    return {"hits": r.incr("hits")}


client = MongoClient(os.environ["MONGO_URL"])  # expect: DB001


@app.get("/events")
def events():
    try:
        return jsonify(list(client.app.events.find({}, {"_id": 0})))
    finally:
        pass


@app.get("/shared")
def shared():
    with engine.connect() as conn:  # ok: DB001
        return {"one": conn.execute(text("SELECT 1")).scalar()}


@app.get("/cache")
def cache():
    global _cache
    if _cache is None:
        _cache = redis.Redis.from_url(os.environ["REDIS_URL"])  # ok: DB001
    return {"v": _cache.get("v")}


@app.get("/local")
def local():
    db = sqlite3.connect("local.db")  # ok: DB001
    return {"n": db.execute("SELECT 1").fetchone()[0]}


def make_engine(url):
    return create_engine(url)  # ok: DB001
