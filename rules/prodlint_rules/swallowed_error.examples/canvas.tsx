import { useEffect, useRef } from "react";

export function Canvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  function onPointerDown(event: PointerEvent) {
    try {
      ref.current?.setPointerCapture(event.pointerId);
      // expect: ERR004
    } catch {}
  }
  useEffect(() => {
    let saved = "{}";
    try {
      saved = localStorage.getItem("canvas") ?? "{}";
      // expect: ERR004
    } catch (e) {
      // TODO: private mode
    }
    return () => {
      try {
        window.localStorage.setItem("canvas", saved);
      } catch { // ok: ERR004
        // best effort: storage may be full
      }
    };
  }, []);
  return <canvas ref={ref} onPointerDown={(e) => onPointerDown(e.nativeEvent)} />;
}
