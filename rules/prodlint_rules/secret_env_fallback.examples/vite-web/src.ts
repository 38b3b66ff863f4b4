const SUPABASE_URL = import.meta.env.VITE_SUPABASE_URL || "https://abcd.supabase.co"; // ok: SEC002
const SUPABASE_ANON_KEY = import.meta.env.VITE_SUPABASE_ANON_KEY || "public-anon-key"; // ok: SEC002
const OPENAI = import.meta.env.VITE_OPENAI_API_KEY ?? "sk-proj-Zx8cVb4nM6Qw3rTy7uIo9pAs1dFg5hJk2l"; // expect: SEC002
export { SUPABASE_URL, SUPABASE_ANON_KEY, OPENAI };
