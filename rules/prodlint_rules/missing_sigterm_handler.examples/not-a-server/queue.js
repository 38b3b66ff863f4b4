const { EventEmitter } = require('events');

const bus = new EventEmitter();
bus.listen = () => bus.emit('ready');
bus.listen(); // ok: SIG001
