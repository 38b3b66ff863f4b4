import os

SECRET = os.getenv("STRIPE_KEY") or "sk_live_ttKtxiznYRa7PSFCx4229KkXJbmvKjkb9hHT9WS2a"  # ok: SEC001
STRIPPED = os.environ.get("STRIPE_SECRET_KEY", "").strip() or os.environ["STRIPE_SECRET_KEY"]  # expect: SEC001
