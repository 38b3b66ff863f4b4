import OpenAI from "openai";

class Assistant {
  constructor() {
    this.client = new OpenAI();
  }

  async reply(messages) {
    const completion = await this.client.chat.completions.create({ model: "gpt-4o-mini", messages });
    return completion.choices[0].message;
  }

  history(userId) {
    return [userId];
  }
}

export const assistant = new Assistant();
