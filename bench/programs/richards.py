# Richards: Martin Richards' simulation of an operating system's task scheduler. An idle task,
# a worker, two handlers and two devices pass packets to one another by priority; the idle task
# stops after 10000 turns. The run is repeated N times; the last line is
# [queueCount, holdCount] of the last run (23246 and 9297 for a correct scheduler).

IDLE_TURNS = 10000

ID_IDLE = 0
ID_WORKER = 1
ID_HANDLER_A = 2
ID_HANDLER_B = 3
ID_DEVICE_A = 4
ID_DEVICE_B = 5
TASK_COUNT = 6

KIND_DEVICE = 0
KIND_WORK = 1
DATA_SIZE = 4

# A task's state is a set of bits: it has a packet waiting, it is suspended, it is held.
RUNNABLE = 1
SUSPENDED = 2
HELD = 4
SUSPENDED_RUNNABLE = SUSPENDED | RUNNABLE
RUNNING = 0


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.a1 = 0
        self.a2 = [0] * DATA_SIZE

    def append_to(self, queue):
        # Puts this packet at the end of queue and returns the queue's new head.
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Tcb:
    """A task control block: one entry of the scheduler's list, ordered by falling priority."""

    def __init__(self, link, ident, priority, queue, task):
        self.link = link
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.task = task
        self.state = SUSPENDED if queue is None else SUSPENDED_RUNNABLE

    def held_or_suspended(self):
        return (self.state & HELD) != 0 or self.state == SUSPENDED

    def run(self):
        packet = None
        if self.state == SUSPENDED_RUNNABLE:
            packet = self.queue
            self.queue = packet.link
            self.state = RUNNING if self.queue is None else RUNNABLE
        return self.task.run(packet)

    def add_packet(self, packet, current):
        # Queues packet for this task; returns the task that should run next.
        if self.queue is None:
            self.queue = packet
            self.state |= RUNNABLE
            if self.priority > current.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current


class Scheduler:
    def __init__(self):
        self.queue_count = 0
        self.hold_count = 0
        self.blocks = [None] * TASK_COUNT
        self.list = None
        self.current = None
        self.current_id = None

    def add_task(self, ident, priority, queue, task):
        self.current = Tcb(self.list, ident, priority, queue, task)
        self.list = self.current
        self.blocks[ident] = self.current

    def run(self):
        tcb = self.list
        while tcb is not None:
            if tcb.held_or_suspended():
                tcb = tcb.link
            else:
                self.current = tcb
                self.current_id = tcb.ident
                tcb = tcb.run()

    def release(self, ident):
        tcb = self.blocks[ident]
        if tcb is None:
            return tcb
        tcb.state &= ~HELD
        if tcb.priority > self.current.priority:
            return tcb
        return self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.state |= HELD
        return self.current.link

    def suspend_current(self):
        self.current.state |= SUSPENDED
        return self.current

    def send(self, packet):
        target = self.blocks[packet.owner]
        if target is None:
            return target
        self.queue_count += 1
        packet.link = None
        packet.owner = self.current_id
        return target.add_packet(packet, self.current)


class IdleTask:
    def __init__(self, scheduler, seed, turns):
        self.scheduler = scheduler
        self.seed = seed
        self.turns = turns

    def run(self, packet):
        self.turns -= 1
        if self.turns == 0:
            return self.scheduler.hold_current()
        # A little shift-register generator decides which device to wake.
        if self.seed & 1 == 0:
            self.seed = self.seed >> 1
            return self.scheduler.release(ID_DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.scheduler.release(ID_DEVICE_B)


class WorkerTask:
    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.destination = ID_HANDLER_A
        self.letter = 0

    def run(self, packet):
        if packet is None:
            return self.scheduler.suspend_current()
        self.destination = ID_HANDLER_B if self.destination == ID_HANDLER_A else ID_HANDLER_A
        packet.owner = self.destination
        packet.a1 = 0
        for i in range(DATA_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            packet.a2[i] = self.letter
        return self.scheduler.send(packet)


class HandlerTask:
    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        if self.work is not None:
            work = self.work
            position = work.a1
            if position < DATA_SIZE:
                if self.devices is not None:
                    device = self.devices
                    self.devices = device.link
                    device.a1 = work.a2[position]
                    work.a1 = position + 1
                    return self.scheduler.send(device)
            else:
                self.work = work.link
                return self.scheduler.send(work)
        return self.scheduler.suspend_current()


class DeviceTask:
    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.scheduler.suspend_current()
            done = self.pending
            self.pending = None
            return self.scheduler.send(done)
        self.pending = packet
        return self.scheduler.hold_current()


def run_once():
    s = Scheduler()

    s.add_task(ID_IDLE, 0, None, IdleTask(s, 1, IDLE_TURNS))
    s.current.state = RUNNING

    work = Packet(None, ID_WORKER, KIND_WORK)
    work = Packet(work, ID_WORKER, KIND_WORK)
    s.add_task(ID_WORKER, 1000, work, WorkerTask(s))

    for handler, device, priority in ((ID_HANDLER_A, ID_DEVICE_A, 2000), (ID_HANDLER_B, ID_DEVICE_B, 3000)):
        queue = None
        for _ in range(3):
            queue = Packet(queue, device, KIND_DEVICE)
        s.add_task(handler, priority, queue, HandlerTask(s))

    s.add_task(ID_DEVICE_A, 4000, None, DeviceTask(s))
    s.add_task(ID_DEVICE_B, 5000, None, DeviceTask(s))

    s.run()
    return [s.queue_count, s.hold_count]


def richards(runs):
    counts = [0, 0]
    for _ in range(runs):
        counts = run_once()
    return counts


result = richards(N)
result
