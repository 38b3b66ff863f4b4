import { Octokit } from "@octokit/rest";

// Classic GitHub token: ghp_ and 36 characters.
// expect: SEC001
const octokit = new Octokit({ auth: "ghp_hvHHS8g9pPQLB3ML6X22GZ2NDqaQfht5gDa5" });

// A fine-grained personal access token.
// expect: SEC001
const deployBot = new Octokit({ auth: "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" });

export const ai = {
  // expect: SEC001
  openai: "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",
  // expect: SEC001
  anthropic: "sk-ant-api03-UWeLAcnSmcSK6dD8ZSnFWU9biSJo39JikT7mzsCKB8fzumxmrEG25BtEmvJFDhJ3J3s5g7opaf9ESwBK3677Tmbx7kxLUAA",
};

// expect: SEC001
const slackBot = "xoxb-983194893949-4821416210521-HvsN6etvkrreaB82rBadgqbu";
// expect: SEC001
const twilioKey = "SK33bae1ca6ed3b8c9b1d09a939da0a613";
// expect: SEC001
const sendgrid = "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";
// expect: SEC001
const geminiKey = "AIzaJZYvdT6aRqFdpUH8jY8AWy3pL6sw8nyxERE";
// expect: SEC001
const stripe = "rk_live_vXT7GAvmn4Ep8VxZ3xB64Nzo";

// An AWS secret access key sits next to its key ID, whatever the names.
export const storage = new Credentials(
  "AKIA6TMK2J7AW2CLFTXQ", // expect: SEC001
  "iWYgbKo77VNuMcAzKJ4S/TkHgfjXzwLrucYNT3nk", // expect: SEC001
);

// A token in a comment is committed all the same:
const apiBase = "https://api.github.com"; // tried with ghp_UGUvoArxx4zYHReXwfLKttEj9SWWMub7WyyE expect: SEC001

/* ok: SEC001 */
// ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx is what a token looks like
// ok: SEC001
const sampleSid = "AC00000000000000000000000000000000";
// ok: SEC001
const checksum = "d41d8cd98f00b204e9800998ecf8427e00000000";
// 40 characters of base64 with no key ID nearby: a hash or an id. ok: SEC001
const contentHash = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo";

export { apiBase, octokit, deployBot, slackBot, twilioKey, sendgrid, geminiKey, stripe, sampleSid, checksum, contentHash };
