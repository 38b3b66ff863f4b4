"use client";
import axios from "axios";
import { useEffect, useState } from "react";

export function Weather() {
  const [temp, setTemp] = useState<number | null>(null);
  useEffect(() => {
    axios.get("/api/weather").then((r) => setTemp(r.data.temp)); // ok: NET001
    fetch("https://api.example.com/w").then((r) => r.json()); // ok: NET001
  }, []);
  return <span>{temp}</span>;
}
