/* global N */
// Richards: Martin Richards' simulation of an operating system's task scheduler. An idle task,
// a worker, two handlers and two devices pass packets to one another by priority; the idle task
// stops after 10000 turns. The run is repeated N times; the last statement is
// [queueCount, holdCount] of the last run (23246 and 9297 for a correct scheduler).
// Written with constructor functions and var, so that the cell can run again in the same realm.

var IDLE_TURNS = 10000;

var ID_IDLE = 0;
var ID_WORKER = 1;
var ID_HANDLER_A = 2;
var ID_HANDLER_B = 3;
var ID_DEVICE_A = 4;
var ID_DEVICE_B = 5;

var KIND_DEVICE = 0;
var KIND_WORK = 1;
var DATA_SIZE = 4;

// A task's state is a set of bits: it has a packet waiting, it is suspended, it is held.
var RUNNABLE = 1;
var SUSPENDED = 2;
var HELD = 4;
var SUSPENDED_RUNNABLE = SUSPENDED | RUNNABLE;
var RUNNING = 0;

function Packet(link, owner, kind) {
  this.link = link;
  this.owner = owner;
  this.kind = kind;
  this.a1 = 0;
  this.a2 = [0, 0, 0, 0];
}

// Puts this packet at the end of queue and returns the queue's new head.
Packet.prototype.appendTo = function (queue) {
  this.link = null;
  if (queue === null) return this;
  var last = queue;
  while (last.link !== null) last = last.link;
  last.link = this;
  return queue;
};

// A task control block: one entry of the scheduler's list, ordered by falling priority.
function Tcb(link, ident, priority, queue, task) {
  this.link = link;
  this.ident = ident;
  this.priority = priority;
  this.queue = queue;
  this.task = task;
  this.state = queue === null ? SUSPENDED : SUSPENDED_RUNNABLE;
}

Tcb.prototype.heldOrSuspended = function () {
  return (this.state & HELD) !== 0 || this.state === SUSPENDED;
};

Tcb.prototype.run = function () {
  var packet = null;
  if (this.state === SUSPENDED_RUNNABLE) {
    packet = this.queue;
    this.queue = packet.link;
    this.state = this.queue === null ? RUNNING : RUNNABLE;
  }
  return this.task.run(packet);
};

// Queues packet for this task; returns the task that should run next.
Tcb.prototype.addPacket = function (packet, current) {
  if (this.queue === null) {
    this.queue = packet;
    this.state |= RUNNABLE;
    if (this.priority > current.priority) return this;
  } else {
    this.queue = packet.appendTo(this.queue);
  }
  return current;
};

function Scheduler() {
  this.queueCount = 0;
  this.holdCount = 0;
  this.blocks = [null, null, null, null, null, null];
  this.list = null;
  this.current = null;
  this.currentId = -1;
}

Scheduler.prototype.addTask = function (ident, priority, queue, task) {
  this.current = new Tcb(this.list, ident, priority, queue, task);
  this.list = this.current;
  this.blocks[ident] = this.current;
};

Scheduler.prototype.run = function () {
  var tcb = this.list;
  while (tcb !== null) {
    if (tcb.heldOrSuspended()) {
      tcb = tcb.link;
    } else {
      this.current = tcb;
      this.currentId = tcb.ident;
      tcb = tcb.run();
    }
  }
};

Scheduler.prototype.release = function (ident) {
  var tcb = this.blocks[ident];
  if (tcb === null) return tcb;
  tcb.state &= ~HELD;
  if (tcb.priority > this.current.priority) return tcb;
  return this.current;
};

Scheduler.prototype.holdCurrent = function () {
  this.holdCount++;
  this.current.state |= HELD;
  return this.current.link;
};

Scheduler.prototype.suspendCurrent = function () {
  this.current.state |= SUSPENDED;
  return this.current;
};

Scheduler.prototype.send = function (packet) {
  var target = this.blocks[packet.owner];
  if (target === null) return target;
  this.queueCount++;
  packet.link = null;
  packet.owner = this.currentId;
  return target.addPacket(packet, this.current);
};

function IdleTask(scheduler, seed, turns) {
  this.scheduler = scheduler;
  this.seed = seed;
  this.turns = turns;
}

IdleTask.prototype.run = function () {
  this.turns--;
  if (this.turns === 0) return this.scheduler.holdCurrent();
  // A little shift-register generator decides which device to wake.
  if ((this.seed & 1) === 0) {
    this.seed = this.seed >> 1;
    return this.scheduler.release(ID_DEVICE_A);
  }
  this.seed = (this.seed >> 1) ^ 0xd008;
  return this.scheduler.release(ID_DEVICE_B);
};

function WorkerTask(scheduler) {
  this.scheduler = scheduler;
  this.destination = ID_HANDLER_A;
  this.letter = 0;
}

WorkerTask.prototype.run = function (packet) {
  if (packet === null) return this.scheduler.suspendCurrent();
  this.destination = this.destination === ID_HANDLER_A ? ID_HANDLER_B : ID_HANDLER_A;
  packet.owner = this.destination;
  packet.a1 = 0;
  for (var i = 0; i < DATA_SIZE; i++) {
    this.letter++;
    if (this.letter > 26) this.letter = 1;
    packet.a2[i] = this.letter;
  }
  return this.scheduler.send(packet);
};

function HandlerTask(scheduler) {
  this.scheduler = scheduler;
  this.work = null;
  this.devices = null;
}

HandlerTask.prototype.run = function (packet) {
  if (packet !== null) {
    if (packet.kind === KIND_WORK) this.work = packet.appendTo(this.work);
    else this.devices = packet.appendTo(this.devices);
  }
  if (this.work !== null) {
    var work = this.work;
    var position = work.a1;
    if (position < DATA_SIZE) {
      if (this.devices !== null) {
        var device = this.devices;
        this.devices = device.link;
        device.a1 = work.a2[position];
        work.a1 = position + 1;
        return this.scheduler.send(device);
      }
    } else {
      this.work = work.link;
      return this.scheduler.send(work);
    }
  }
  return this.scheduler.suspendCurrent();
};

function DeviceTask(scheduler) {
  this.scheduler = scheduler;
  this.pending = null;
}

DeviceTask.prototype.run = function (packet) {
  if (packet === null) {
    if (this.pending === null) return this.scheduler.suspendCurrent();
    var done = this.pending;
    this.pending = null;
    return this.scheduler.send(done);
  }
  this.pending = packet;
  return this.scheduler.holdCurrent();
};

function runOnce() {
  var s = new Scheduler();

  s.addTask(ID_IDLE, 0, null, new IdleTask(s, 1, IDLE_TURNS));
  s.current.state = RUNNING;

  var work = new Packet(null, ID_WORKER, KIND_WORK);
  work = new Packet(work, ID_WORKER, KIND_WORK);
  s.addTask(ID_WORKER, 1000, work, new WorkerTask(s));

  var handlers = [[ID_HANDLER_A, ID_DEVICE_A, 2000], [ID_HANDLER_B, ID_DEVICE_B, 3000]];
  for (var h = 0; h < handlers.length; h++) {
    var queue = null;
    for (var k = 0; k < 3; k++) queue = new Packet(queue, handlers[h][1], KIND_DEVICE);
    s.addTask(handlers[h][0], handlers[h][2], queue, new HandlerTask(s));
  }

  s.addTask(ID_DEVICE_A, 4000, null, new DeviceTask(s));
  s.addTask(ID_DEVICE_B, 5000, null, new DeviceTask(s));

  s.run();
  return [s.queueCount, s.holdCount];
}

function richards(runs) {
  var counts = [0, 0];
  for (var r = 0; r < runs; r++) counts = runOnce();
  return counts;
}

var result = richards(N);
// The cell's value: the harness reads the last expression statement.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions
result;
