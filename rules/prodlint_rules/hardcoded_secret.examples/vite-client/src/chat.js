import OpenAI from "openai";
import { initializeApp } from "firebase/app";

const openai = new OpenAI({ apiKey: "sk-proj-Zx8cVb4nM6Qw3rTy7uIo9pAs1dFg5hJk2l", dangerouslyAllowBrowser: true }); // expect: SEC001

const firebaseConfig = {
  apiKey: "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", // ok: SEC001 (Firebase web keys are public by design)
  authDomain: "shop-1234.firebaseapp.com",
  projectId: "shop-1234",
  messagingSenderId: "1234567890",
};
const app = initializeApp(firebaseConfig);
const mapsKey = "AIzaSyB7x2Lk9Qm4Tz8Vn1Rw5Yp3Hs6Jd0Gc4Fe"; // ok: SEC001
const stripePk = "pk_test_51Jq8ZbT4nW2vX9kLmP3rQ7sY"; // ok: SEC001
const geminiKey = "AIzaSyC3kLp9Xq2Zm7Wv4Nb8Tr1Yd6Hf0Js5Ga3"; // expect: SEC001

export { openai, app, mapsKey, stripePk, geminiKey };
