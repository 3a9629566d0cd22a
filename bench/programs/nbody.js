/* global N */
// n-body: a symplectic-Euler integration of the Sun and the four Jovian planets.
// Reads the step count from the global N; the last statement is the total energy after N steps.

var SOLAR_MASS = 4 * Math.PI * Math.PI;
var DAYS_PER_YEAR = 365.24;

function makeBody(x, y, z, vx, vy, vz, mass) {
  // Velocities are given in AU/day and scaled to AU/year; masses in solar masses.
  return {
    x: x, y: y, z: z,
    vx: vx * DAYS_PER_YEAR, vy: vy * DAYS_PER_YEAR, vz: vz * DAYS_PER_YEAR,
    mass: mass * SOLAR_MASS,
  };
}

function makeBodies() {
  return [
    makeBody(0, 0, 0, 0, 0, 0, 1),
    makeBody(
      4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
      9.54791938424326609e-04),
    makeBody(
      8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
      2.85885980666130812e-04),
    makeBody(
      1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
      4.36624404335156298e-05),
    makeBody(
      1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
      5.15138902046611451e-05),
  ];
}

function offsetMomentum(bodies) {
  // Give the Sun the velocity that makes the system's total momentum zero.
  var px = 0, py = 0, pz = 0;
  for (var i = 0; i < bodies.length; i++) {
    var b = bodies[i];
    px += b.vx * b.mass;
    py += b.vy * b.mass;
    pz += b.vz * b.mass;
  }
  var sun = bodies[0];
  sun.vx = -px / SOLAR_MASS;
  sun.vy = -py / SOLAR_MASS;
  sun.vz = -pz / SOLAR_MASS;
}

function energy(bodies) {
  var e = 0;
  for (var i = 0; i < bodies.length; i++) {
    var a = bodies[i];
    e += 0.5 * a.mass * (a.vx * a.vx + a.vy * a.vy + a.vz * a.vz);
    for (var j = i + 1; j < bodies.length; j++) {
      var b = bodies[j];
      var dx = a.x - b.x;
      var dy = a.y - b.y;
      var dz = a.z - b.z;
      e -= a.mass * b.mass / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

function advance(bodies, steps, dt) {
  var count = bodies.length;
  for (var step = 0; step < steps; step++) {
    for (var i = 0; i < count; i++) {
      var a = bodies[i];
      for (var j = i + 1; j < count; j++) {
        var b = bodies[j];
        var dx = a.x - b.x;
        var dy = a.y - b.y;
        var dz = a.z - b.z;
        var d2 = dx * dx + dy * dy + dz * dz;
        var mag = dt / (d2 * Math.sqrt(d2));
        var bm = b.mass * mag;
        var am = a.mass * mag;
        a.vx -= dx * bm;
        a.vy -= dy * bm;
        a.vz -= dz * bm;
        b.vx += dx * am;
        b.vy += dy * am;
        b.vz += dz * am;
      }
    }
    for (var k = 0; k < count; k++) {
      var c = bodies[k];
      c.x += dt * c.vx;
      c.y += dt * c.vy;
      c.z += dt * c.vz;
    }
  }
}

// Rounds to 9 decimals the way Python's round() does: to the nearest of the exact decimal values.
function round9(x) {
  return Number(x.toFixed(9));
}

function runNbody(steps) {
  var bodies = makeBodies();
  offsetMomentum(bodies);
  advance(bodies, steps, 0.01);
  return round9(energy(bodies));
}

var result = runNbody(N);
// The cell's value: the harness reads the last expression statement.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions
result;
