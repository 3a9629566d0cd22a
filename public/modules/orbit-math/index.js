// orbit-math: a small vendored ES module that ships with the playground, so JavaScript cells
// have something to import offline. Add your own modules beside it and list them in
// ../modules.json.
export { Vector } from './vector.js';

/** The gravitational constant, in m³ kg⁻¹ s⁻². */
export const G = 6.674e-11;

/** The area of a circle of radius r. */
export function circleArea(r) {
  return Math.PI * r * r;
}

/** The period, in seconds, of a circular orbit of radius r (m) around a mass (kg). */
export function orbitalPeriod(r, mass) {
  return 2 * Math.PI * Math.sqrt((r * r * r) / (G * mass));
}
