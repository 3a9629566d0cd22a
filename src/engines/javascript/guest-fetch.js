/* eslint-disable @typescript-eslint/no-unused-expressions, @typescript-eslint/ban-ts-comment -- guest code: QuickJS evaluates this file for its value, without the host's types */
// @ts-nocheck
// The `fetch` of the Unrestricted tier, inside QuickJS. QuickJS has no network of its own: the
// host's `request` makes the real request with the worker's fetch and hands back the status,
// the headers and the body's bytes, which this wraps in a small Response-like object.
// `decode` turns UTF-8 bytes into a string, which QuickJS cannot do by itself.
(function makeFetch(request, decode) {
  'use strict';

  function headerRecord(headers) {
    var record = {};
    if (headers === undefined || headers === null) return record;
    if (Array.isArray(headers)) {
      headers.forEach(function (pair) { record[String(pair[0]).toLowerCase()] = String(pair[1]); });
    } else if (typeof headers.forEach === 'function') {
      headers.forEach(function (value, name) { record[String(name).toLowerCase()] = String(value); });
    } else {
      Object.keys(headers).forEach(function (name) { record[name.toLowerCase()] = String(headers[name]); });
    }
    return record;
  }

  function bodyOf(body) {
    if (body === undefined || body === null) return undefined;
    if (typeof body === 'string' || body instanceof ArrayBuffer) return body;
    if (ArrayBuffer.isView(body)) return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    return String(body);
  }

  function response(raw) {
    var used = false;
    // Like a real body, it can be read once.
    function take() {
      if (used) return Promise.reject(new TypeError('the body has already been read'));
      used = true;
      return Promise.resolve(raw.body);
    }
    return {
      ok: raw.status >= 200 && raw.status < 300,
      status: raw.status,
      statusText: raw.statusText,
      url: raw.url,
      headers: raw.headers,
      get bodyUsed() { return used; },
      arrayBuffer: take,
      bytes: function () { return take().then(function (buffer) { return new Uint8Array(buffer); }); },
      text: function () { return take().then(decode); },
      json: function () { return take().then(function (buffer) { return JSON.parse(decode(buffer)); }); },
    };
  }

  return function fetch(input, init) {
    var options = init || {};
    var url = typeof input === 'object' && input !== null && 'url' in input ? input.url : input;
    var method = String(options.method || 'GET').toUpperCase();
    return request(String(url), method, headerRecord(options.headers), bodyOf(options.body)).then(response);
  };
})
