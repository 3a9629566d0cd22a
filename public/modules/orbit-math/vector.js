/** A two-dimensional vector. */
export class Vector {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }

  length() {
    return Math.hypot(this.x, this.y);
  }

  plus(other) {
    return new Vector(this.x + other.x, this.y + other.y);
  }
}
