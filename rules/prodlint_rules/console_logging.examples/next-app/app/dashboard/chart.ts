"use client";

export function drawChart(points: number[]) {
  console.log(points.length); // ok: LOG001 ("use client")
}
