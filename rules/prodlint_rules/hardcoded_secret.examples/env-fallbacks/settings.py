import os

SECRET = os.getenv("STRIPE_KEY") or "sk_live_ttKtxiznYRa7PSFCx4229KkXJbmvKjkb9hHT9WS2a"  # ok: SEC001
STRIPPED = os.environ.get("STRIPE_SECRET_KEY", "").strip() or "sk_live_ttKtxiznYRa7PSFCx4229KkXJbmvKjkb9hHT9WS2a"  # expect: SEC001
