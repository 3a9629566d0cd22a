// The playground's JavaScript support code. It runs inside QuickJS before any user code and
// returns the functions the engine needs; the host's output and show functions never become
// globals.
(function install(writeOut, writeErr, show) {
  'use strict';
  var MAX_DEPTH = 4;
  var MAX_ITEMS = 100;

  function quote(text) {
    return "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
  }

  function key(name) {
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
  }

  function list(items, open, close) {
    return items.length === 0 ? open + close : open + items.join(', ') + close;
  }

  function inspect(value, depth, seen) {
    switch (typeof value) {
      case 'string':
        return depth === 0 ? value : quote(value);
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint':
        return String(value) + 'n';
      case 'undefined':
      case 'boolean':
        return String(value);
      case 'symbol':
        return value.toString();
      case 'function':
        return '[' + (/^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'Function') + ': ' + (value.name || '(anonymous)') + ']';
    }
    if (value === null) return 'null';
    if (seen.indexOf(value) !== -1) return '[Circular]';
    if (value instanceof Error) return value.stack ? value.name + ': ' + value.message + '\n' + value.stack.replace(/\n$/, '') : String(value);
    if (value instanceof Date) return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (depth > MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
    var inner = seen.concat([value]);
    var show = function (item) { return inspect(item, depth + 1, inner); };
    if (Array.isArray(value)) {
      var items = value.slice(0, MAX_ITEMS).map(show);
      if (value.length > MAX_ITEMS) items.push('... ' + (value.length - MAX_ITEMS) + ' more items');
      return list(items, '[', ']');
    }
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      return value.constructor.name + '(' + value.length + ') ' + list(Array.prototype.slice.call(value, 0, MAX_ITEMS).map(show), '[', ']');
    }
    // Big collections show their first MAX_ITEMS members only, so a preview costs the same at any size.
    if (value instanceof Map) {
      var entries = [];
      for (var pair of value) {
        if (entries.length === MAX_ITEMS) { entries.push('... ' + (value.size - MAX_ITEMS) + ' more items'); break; }
        entries.push(show(pair[0]) + ' => ' + show(pair[1]));
      }
      return 'Map(' + value.size + ') ' + list(entries, '{', '}');
    }
    if (value instanceof Set) {
      var members = [];
      for (var member of value) {
        if (members.length === MAX_ITEMS) { members.push('... ' + (value.size - MAX_ITEMS) + ' more items'); break; }
        members.push(show(member));
      }
      return 'Set(' + value.size + ') ' + list(members, '{', '}');
    }
    if (typeof value.then === 'function') return 'Promise {}';
    var names = Object.keys(value);
    var fields = names.slice(0, MAX_ITEMS).map(function (name) { return key(name) + ': ' + show(value[name]); });
    if (names.length > MAX_ITEMS) fields.push('... ' + (names.length - MAX_ITEMS) + ' more items');
    var prototype = Object.getPrototypeOf(value);
    var label = prototype === null ? '[Object: null prototype] ' : prototype === Object.prototype ? '' : ((prototype.constructor && prototype.constructor.name) || 'Object') + ' ';
    return label + list(fields, '{', '}');
  }

  function format(args) {
    // The common case of a flood, one string or number, without the general path's arrays.
    if (args.length === 1) {
      var only = args[0];
      if (typeof only === 'string') return only;
      if (typeof only === 'number' && !Object.is(only, -0)) return String(only);
    }
    return Array.prototype.map.call(args, function (item) { return inspect(item, 0, []); }).join(' ');
  }

  function table(data) {
    if (data === null || typeof data !== 'object') return format([data]);
    var rows = Object.keys(data);
    var columns = [];
    rows.forEach(function (row) {
      var record = data[row];
      if (record !== null && typeof record === 'object') {
        Object.keys(record).forEach(function (column) { if (columns.indexOf(column) === -1) columns.push(column); });
      }
    });
    var header = ['(index)'].concat(columns.length ? columns : ['Values']);
    var body = rows.map(function (row) {
      var record = data[row];
      var cells = columns.length
        ? columns.map(function (column) { return record !== null && typeof record === 'object' && column in record ? inspect(record[column], 1, []) : ''; })
        : [inspect(record, 1, [])];
      return [row].concat(cells);
    });
    var widths = header.map(function (title, index) {
      return Math.max.apply(null, [title.length].concat(body.map(function (cells) { return cells[index].length; })));
    });
    var line = function (cells) { return '│ ' + cells.map(function (cell, index) { return cell + ' '.repeat(widths[index] - cell.length); }).join(' │ ') + ' │'; };
    var rule = function (left, middle, right) { return left + widths.map(function (width) { return '─'.repeat(width + 2); }).join(middle) + right; };
    return [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤')].concat(body.map(line), [rule('└', '┴', '┘')]).join('\n');
  }

  var out = function () { writeOut(format(arguments) + '\n'); };
  var err = function () { writeErr(format(arguments) + '\n'); };
  var console = {
    log: out,
    info: out,
    debug: out,
    warn: err,
    error: err,
    table: function (data) { writeOut(table(data) + '\n'); },
  };
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true, enumerable: false });

  // display(): each value becomes a MIME bundle of strings, sent to the host on the same
  // ordered path as console output.
  var JSON_MAX_DEPTH = 100;
  var BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function base64(bytes) {
    var text = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var a = bytes[i], b = bytes[i + 1], c = bytes[i + 2];
      var triple = (a << 16) | ((b || 0) << 8) | (c || 0);
      text += BASE64[triple >> 18] + BASE64[(triple >> 12) & 63] +
        (i + 1 < bytes.length ? BASE64[(triple >> 6) & 63] : '=') +
        (i + 2 < bytes.length ? BASE64[triple & 63] : '=');
    }
    return text;
  }

  function utf8(bytes) {
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    try {
      return decodeURIComponent(escape(binary));
    } catch (error) {
      return binary;
    }
  }

  function isPlainObject(value) {
    if (value === null || typeof value !== 'object') return false;
    var prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
  }

  function isBundle(value) {
    if (!isPlainObject(value)) return false;
    var types = Object.keys(value);
    return types.length > 0 && types.every(function (type) { return type.indexOf('/') !== -1; });
  }

  function isTextType(type) {
    return /^text\//.test(type) || /xml$/.test(type) || /json$/.test(type) || type === 'application/javascript';
  }

  // A bundle's value as text: bytes of binary types in base64, JSON types as JSON text.
  function bundleText(type, data) {
    if (data === undefined || data === null) return undefined;
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) data = new Uint8Array(data);
    if (data instanceof Uint8Array) return isTextType(type) ? utf8(data) : base64(data);
    if (/json$/.test(type)) {
      try {
        return JSON.stringify(data);
      } catch (error) {
        return undefined;
      }
    }
    return String(data);
  }

  function isJsonable(value, depth, seen) {
    if (depth > JSON_MAX_DEPTH) return false;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
    if (typeof value === 'number') return isFinite(value);
    if (typeof value !== 'object' || seen.indexOf(value) !== -1) return false;
    var inner = seen.concat([value]);
    var check = function (item) { return isJsonable(item, depth + 1, inner); };
    if (Array.isArray(value)) return value.every(check);
    if (!isPlainObject(value)) return false;
    return Object.keys(value).every(function (name) { return check(value[name]); });
  }

  function bundleOf(value) {
    var bundle = {};
    if (isBundle(value)) {
      Object.keys(value).forEach(function (type) {
        var text = bundleText(type, value[type]);
        if (text !== undefined) bundle[type] = text;
      });
      return bundle;
    }
    bundle['text/plain'] = inspect(value, 1, []);
    if ((Array.isArray(value) || isPlainObject(value)) && isJsonable(value, 0, [])) bundle['application/json'] = JSON.stringify(value);
    return bundle;
  }

  function display() {
    for (var i = 0; i < arguments.length; i++) show(bundleOf(arguments[i]));
  }
  Object.defineProperty(globalThis, 'display', { value: display, writable: true, configurable: true, enumerable: false });

  // Helpers the host uses to move values in and out of the VM without JSON.
  function kind(value) {
    if (value === null) return 'null';
    if (typeof value !== 'object') return typeof value;
    if (Array.isArray(value)) return 'array';
    if (value instanceof Date) return 'date';
    if (value instanceof Uint8Array) return 'bytes';
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return 'typed';
    if (value instanceof Map) return 'map';
    if (value instanceof Set) return 'set';
    var prototype = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) return 'object';
    return 'instance:' + ((prototype.constructor && prototype.constructor.name) || 'Object');
  }

  // Bulk roads (bulk.ts): a value crosses as one JSON text or one buffer when that loses
  // nothing. What they use is taken now, before user code could replace it.
  var parseJson = JSON.parse;
  var stringifyJson = JSON.stringify;
  var objectValues = Object.values;
  var prototypeOf = Object.getPrototypeOf;
  var isArray = Array.isArray;
  var objectPrototype = Object.prototype;
  var BULK_MAX_DEPTH = 1000;
  var jsonPrototypes = [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype];

  // An array made only of numbers, as the buffer of a Float64Array; null for anything else.
  function numberColumn(value) {
    var length = value.length;
    var column = new Float64Array(length);
    for (var i = 0; i < length; i++) {
      var item = value[i];
      if (typeof item !== 'number') return null;
      column[i] = item;
    }
    return column.buffer;
  }

  // Whether JSON.stringify gives the value exactly: null, booleans, strings, finite numbers
  // other than -0, arrays (whose holes and undefined become null, as they do on the general
  // road) and plain objects. Depth first with its own stack, so depth costs no VM stack.
  // 'exact', 'other', or 'deep' for arrays and objects nested past the neutral model's limit
  // (as a cycle always is), which no road can take.
  function jsonShape(root) {
    for (var p = 0; p < jsonPrototypes.length; p++) if ('toJSON' in jsonPrototypes[p]) return 'other';
    var stack = [root, 0];
    while (stack.length > 0) {
      var depth = stack.pop();
      var value = stack.pop();
      if (depth > BULK_MAX_DEPTH) return 'deep';
      var type = typeof value;
      if (type === 'string' || type === 'boolean' || value === null) continue;
      if (type === 'number') {
        if (value !== value || value === Infinity || value === -Infinity || (value === 0 && 1 / value < 0)) return 'other';
        continue;
      }
      if (type !== 'object') return 'other';
      var i;
      if (isArray(value)) {
        for (i = 0; i < value.length; i++) {
          if (value[i] !== undefined) stack.push(value[i], depth + 1);
        }
        continue;
      }
      var prototype = prototypeOf(value);
      if (prototype !== objectPrototype && prototype !== null) return 'other';
      // Object.values, not Object.keys: QuickJS makes a new string of every index-like key.
      var items = objectValues(value);
      for (i = 0; i < items.length; i++) {
        if (items[i] === undefined) return 'other';
        stack.push(items[i], depth + 1);
      }
    }
    return 'exact';
  }

  // The globals as the last run left them, to tell which ones the next run assigned.
  var lastGlobals = new Map();
  function changedGlobals() {
    var changed = [];
    Object.keys(globalThis).forEach(function (name) {
      var value = globalThis[name];
      if (!lastGlobals.has(name) || !Object.is(lastGlobals.get(name), value)) changed.push(name);
      lastGlobals.set(name, value);
    });
    return changed;
  }

  // Roughly the bytes a value takes, from its length or size and a few of its members.
  function sizeEstimate(value) {
    switch (typeof value) {
      case 'string': return value.length * 2;
      case 'number': return 8;
      case 'bigint': return Math.ceil(value.toString(16).length / 2);
      case 'boolean': return 4;
      case 'object': break;
      default: return 0;
    }
    if (value === null) return 0;
    if (ArrayBuffer.isView(value)) return value.byteLength;
    if (value instanceof Date) return 8;
    var sample = function (items, count) {
      var total = 0;
      for (var i = 0; i < items.length; i++) total += typeof items[i] === 'string' ? items[i].length * 2 : 8;
      return items.length === 0 ? 0 : Math.round((total / items.length) * count);
    };
    if (Array.isArray(value)) return 16 + sample(value.slice(0, 8), value.length);
    if (value instanceof Map || value instanceof Set) return 16 + value.size * 16;
    var names = Object.keys(value);
    var firsts = names.slice(0, 8);
    return 16 + sample(firsts, names.length) + sample(firsts.map(function (name) { return value[name]; }), names.length);
  }

  return {
    inspect: function (value) { return inspect(value, 1, []); },
    sizeEstimate: sizeEstimate,
    changedGlobals: changedGlobals,
    // A global set from outside a run, and noted as the last run's, so that the next run does
    // not count it as its own.
    setGlobal: function (name, value) {
      globalThis[name] = value;
      lastGlobals.set(name, value);
    },
    kind: kind,
    entries: function (value) { return Array.from(value instanceof Map ? value.entries() : value.values()); },
    time: function (date) { return date.getTime(); },
    buffer: function (bytes) { return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength); },
    makeMap: function (entries) { return new Map(entries); },
    makeSet: function (items) { return new Set(items); },
    makeDate: function (time) { return new Date(time); },
    makeBytes: function (buffer) { return new Uint8Array(buffer); },
    bigintText: function (value) { return value.toString(); },
    keys: function (value) { return Object.keys(value); },
    typedName: function (value) { return value.constructor.name; },
    makeTyped: function (name, buffer) { return new globalThis[name](buffer); },
    makeBigInt: function (text) { return BigInt(text); },
    // A JSON text or a Float64Array buffer standing for the value; false when it is nested
    // too deep to cross; undefined when neither road is exact for it.
    exportBulk: function (value) {
      if (isArray(value) && value.length > 0 && typeof value[0] === 'number') {
        var column = numberColumn(value);
        if (column !== null) return column;
      }
      var shape = jsonShape(value);
      if (shape === 'deep') return false;
      return shape === 'exact' ? stringifyJson(value) : undefined;
    },
    parseJson: function (text) { return parseJson(text); },
    // An object from its keys (a JSON array) and its number values (a Float64Array buffer):
    // QuickJS sets the fields faster than it parses them as JSON text.
    fromNumberFields: function (keysText, buffer) {
      var keys = parseJson(keysText);
      var column = new Float64Array(buffer);
      var object = {};
      for (var i = 0; i < keys.length; i++) object[keys[i]] = column[i];
      return object;
    },
    fromNumberColumn: function (buffer, int32) {
      var column = int32 ? new Int32Array(buffer) : new Float64Array(buffer);
      var length = column.length;
      var array = new Array(length);
      for (var i = 0; i < length; i++) array[i] = column[i];
      return array;
    },
    describeModule: function (namespace) {
      var names = Object.keys(namespace).sort();
      var isClass = function (value) { return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value)); };
      return {
        functions: names.filter(function (name) { return typeof namespace[name] === 'function' && !isClass(namespace[name]); }),
        classes: names.filter(function (name) { return isClass(namespace[name]); }),
      };
    },
  };
})
