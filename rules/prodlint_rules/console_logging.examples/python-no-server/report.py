import pandas as pd


def summarize(path):
    frame = pd.read_csv(path)
    print(frame.describe())  # ok: LOG001 (no server in this project)
