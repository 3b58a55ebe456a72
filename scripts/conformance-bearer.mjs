// Adds "Authorization: Bearer <token>" to every HTTP request that the MCP conformance suite sends
// to the server under test. The suite (0.1.16) has no option for request headers, so
// scripts/conformance loads this module into its Node.js process with --import.
//
// The suite sends requests in two ways: through fetch (the MCP TypeScript SDK's client and the SSE
// scenarios) and through undici's request function (the DNS rebinding scenario). Both look up the
// process-wide undici dispatcher, so one dispatcher that adds the header covers both. Requests to
// any other origin go out unchanged.
//
// Environment: SCMS_CONFORMANCE_URL is the server's URL, SCMS_CONFORMANCE_TOKEN the bearer token,
// SCMS_CONFORMANCE_UNDICI the path of the undici package that the suite uses.
import { createRequire } from 'node:module';

const url = process.env.SCMS_CONFORMANCE_URL;
const token = process.env.SCMS_CONFORMANCE_TOKEN;
const undiciPath = process.env.SCMS_CONFORMANCE_UNDICI;
if (!url || !token || !undiciPath) {
  throw new Error(
    'conformance-bearer.mjs: set SCMS_CONFORMANCE_URL, SCMS_CONFORMANCE_TOKEN and SCMS_CONFORMANCE_UNDICI');
}

const require = createRequire(import.meta.url);
const { Agent, setGlobalDispatcher } = require(undiciPath);
const serverOrigin = new URL(url).origin;

// undici passes headers as a flat [name, value, ...] array, an array of pairs, or an object.
function withAuthorization(headers) {
  const value = `Bearer ${token}`;
  if (headers == null) {
    return { authorization: value };
  }
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      return [...headers.filter(([name]) => String(name).toLowerCase() !== 'authorization'),
        ['authorization', value]];
    }
    const flat = [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() !== 'authorization') {
        flat.push(headers[i], headers[i + 1]);
      }
    }
    return [...flat, 'authorization', value];
  }
  const copy = {};
  for (const [name, headerValue] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'authorization') {
      copy[name] = headerValue;
    }
  }
  copy.authorization = value;
  return copy;
}

const addBearer = (dispatch) => (options, handler) => {
  const origin = options.origin == null ? '' : new URL(String(options.origin)).origin;
  if (origin !== serverOrigin) {
    return dispatch(options, handler);
  }
  return dispatch({ ...options, headers: withAuthorization(options.headers) }, handler);
};

setGlobalDispatcher(new Agent().compose(addBearer));
