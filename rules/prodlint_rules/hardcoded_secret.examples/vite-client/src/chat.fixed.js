import OpenAI from "openai";
import { initializeApp } from "firebase/app";

const openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY, dangerouslyAllowBrowser: true }); // expect: SEC001

const firebaseConfig = {
  apiKey: "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", // ok: SEC001 (Firebase web keys are public by design)
  authDomain: "shop-1234.firebaseapp.com",
  projectId: "shop-1234",
  messagingSenderId: "1234567890",
};
const app = initializeApp(firebaseConfig);
const mapsKey = "AIzaSyB7x2Lk9Qm4Tz8Vn1Rw5Yp3Hs6Jd0Gc4Fe"; // ok: SEC001
const stripePk = "pk_test_51Jq8ZbT4nW2vX9kLmP3rQ7sY"; // ok: SEC001
const geminiKey = import.meta.env.VITE_GEMINI_KEY; // expect: SEC001

export { openai, app, mapsKey, stripePk, geminiKey };
