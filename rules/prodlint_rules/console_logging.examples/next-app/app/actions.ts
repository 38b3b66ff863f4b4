"use server";

export async function subscribe(email: string) {
  console.log("subscribing", email); // expect: LOG001
}
