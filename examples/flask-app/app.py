import os

import requests
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import create_engine, text

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://shop@localhost/shop"
app.config["SECRET_KEY"] = os.getenv("SECRET_KEY", "dev-secret-key-change-me-9f8e7d6c5b4a")
db = SQLAlchemy(app)

INVENTORY_API = os.getenv("INVENTORY_API", "http://localhost:8001")


class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    sku = db.Column(db.String(64), nullable=False)


@app.route("/orders", methods=["POST"])
def create_order():
    payload = request.get_json()
    print("new order", payload)
    stock = requests.get(f"{INVENTORY_API}/stock/{payload['sku']}").json()
    try:
        notify(payload)
    except Exception:
        pass
    return jsonify(stock)


@app.route("/reports/daily")
def daily_report():
    reporting = create_engine(os.environ["REPORTING_DATABASE_URL"])
    with reporting.connect() as conn:
        rows = conn.execute(text("SELECT day, total FROM daily_sales")).all()
    return jsonify([list(row) for row in rows])


with app.app_context():
    db.create_all()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
