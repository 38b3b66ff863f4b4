const fs = require('fs');

async function charge(order) {
  try {
    await stripe.charges.create(order);
  } catch (err) {
    console.error(err);
  } // expect: ERR004
}

function readConfig(path) {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  // expect: ERR004
  } catch (err) {
    // TODO
    console.error(err);
  }
}

function removeTemp(path) {
  try {
    fs.unlinkSync(path);
  } catch { // ok: ERR004
    // ignore: the file may already be gone
  }
}

async function notify(user) {
  try {
    await mailer.send(user.email);
  } catch (err) { // ok: ERR004
    console.error('mail failed', err);
  }
}
