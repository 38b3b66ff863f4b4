import mongoose from "mongoose";
import { dbConnect } from "@/lib/mongoose";

export async function GET() {
  await dbConnect(); // ok: DB001
  return Response.json(await mongoose.model("User").find());
}

export async function POST(req: Request) {
  if (mongoose.connection.readyState !== 1) await mongoose.connect(process.env.MONGODB_URI!); // ok: DB001
  return Response.json(await mongoose.model("User").create(await req.json()));
}

export async function DELETE() {
  await mongoose.connect(process.env.MONGODB_URI!); // expect: DB001
  return Response.json(await mongoose.model("User").deleteMany({}));
}
