import { create } from "zustand";
import { useEffect } from "react";

export const useStore = create(() => ({ count: 0 }));
export function useLogCount(count: number) {
  useEffect(() => console.log(count), [count]); // ok: LOG001 (imports react: browser code)
}
