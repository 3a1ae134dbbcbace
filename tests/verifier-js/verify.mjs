#!/usr/bin/env node
// Independent verifier of DIVA Badges credentials, on the Digital Bazaar libraries (used by the tests).
//
//   node verify.mjs --contexts DIR [--did-web-base http://127.0.0.1:PORT]
//                   [--pin-key VERIFICATION_METHOD_ID=z6Mk…] FILE.json…
//
// Contexts come ONLY from DIR (DIR/index.json maps each URL to its file); did:key resolves locally;
// did:web and status lists are fetched over HTTP on loopback only. One JSON line per file:
// {"file","verified","revoked","errors"}; exit 0 only if every file verified and none is revoked.
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {gunzipSync} from 'node:zlib';
import process from 'node:process';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';

const MAX_LIST_BYTES = 16 * 1024 * 1024;
const USAGE = 'usage: node verify.mjs --contexts DIR [--did-web-base http://127.0.0.1:PORT] ' +
  '[--pin-key VM_ID=z6Mk…] FILE.json…';

function parseArgs(argv) {
  const args = {contexts: null, didWebBase: null, pins: new Map(), files: []};
  for(let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if(arg === '--contexts') {
      args.contexts = argv[++i];
    } else if(arg === '--did-web-base') {
      args.didWebBase = argv[++i];
    } else if(arg === '--pin-key') {
      const value = argv[++i] || '';
      const at = value.lastIndexOf('=');
      if(at <= 0) {
        throw new Error(`--pin-key attend VM_ID=z6Mk… / expects VM_ID=z6Mk…: ${value}`);
      }
      args.pins.set(value.slice(0, at), value.slice(at + 1));
    } else if(arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if(arg.startsWith('--')) {
      throw new Error(`option inconnue / unknown option: ${arg}`);
    } else {
      args.files.push(arg);
    }
  }
  if(!args.contexts || args.files.length === 0) {
    throw new Error(USAGE);
  }
  return args;
}

function isLoopbackHost(hostname) {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

// The only network access: http(s) GET of JSON on a loopback address.
async function fetchLoopbackJson(url) {
  const parsed = new URL(url);
  if(!['http:', 'https:'].includes(parsed.protocol) || !isLoopbackHost(parsed.hostname)) {
    throw new Error(`refus de télécharger hors de la boucle locale / refusing a non-loopback fetch: ${url}`);
  }
  const response = await fetch(url, {headers: {accept: 'application/json, application/ld+json'},
    redirect: 'error'});
  if(!response.ok) {
    throw new Error(`HTTP ${response.status} pour / for ${url}`);
  }
  const text = await response.text();
  if(text.length > MAX_LIST_BYTES) {
    throw new Error(`réponse trop grande / response too large: ${url}`);
  }
  return JSON.parse(text);
}

// did:web:HOST[%3APORT][:PATH…] -> http(s)://HOST[:PORT]/PATH…/did.json (or the --did-web-base).
function didWebUrl(did, didWebBase) {
  const segments = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  if(segments.some(s => !s || s.includes('/'))) {
    throw new Error(`did:web mal formé / malformed did:web: ${did}`);
  }
  const [host, ...rest] = segments;
  const tail = rest.length ? rest.map(encodeURIComponent).join('/') + '/did.json' : '.well-known/did.json';
  if(didWebBase) {
    return `${didWebBase.replace(/\/+$/, '')}/${tail}`;
  }
  const hostname = new URL(`http://${host}`).hostname;
  return `${isLoopbackHost(hostname) ? 'http' : 'https'}://${host}/${tail}`;
}

async function buildDocumentLoader({contextsDir, didWebBase, pins}) {
  const loader = new JsonLdDocumentLoader();
  const index = JSON.parse(await readFile(path.join(contextsDir, 'index.json'), 'utf8'));
  for(const [url, file] of Object.entries(index)) {
    loader.addStatic(url, JSON.parse(await readFile(path.join(contextsDir, file), 'utf8')));
  }
  const contextLoader = loader.build();

  const didKey = didKeyDriver();
  didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

  const didWebCache = new Map();
  async function didWebDocument(did) {
    if(!didWebCache.has(did)) {
      didWebCache.set(did, fetchLoopbackJson(didWebUrl(did, didWebBase)).then(doc => {
        if(doc.id !== did) {
          throw new Error(`le document DID ne porte pas l'identifiant ${did} / DID document id mismatch`);
        }
        return doc;
      }));
    }
    return didWebCache.get(did);
  }

  // a pinned key: the verification method and a controller document that names it for assertions
  const pinnedControllers = new Map();
  for(const [id, publicKeyMultibase] of pins) {
    const controller = id.split('#')[0];
    const method = {'@context': 'https://w3id.org/security/multikey/v1', id, type: 'Multikey', controller,
      publicKeyMultibase};
    pins.set(id, method);
    pinnedControllers.set(controller, {'@context': ['https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1'], id: controller, verificationMethod: [method],
    assertionMethod: [id]});
  }

  return async function documentLoader(url) {
    if(pins.has(url)) {
      return {contextUrl: null, documentUrl: url, document: pins.get(url)};
    }
    if(pinnedControllers.has(url)) {
      return {contextUrl: null, documentUrl: url, document: pinnedControllers.get(url)};
    }
    if(url.startsWith('did:key:')) {
      return {contextUrl: null, documentUrl: url, document: await didKey.get({url})};
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const doc = await didWebDocument(did);
      if(!fragment) {
        return {contextUrl: null, documentUrl: url, document: doc};
      }
      const method = (doc.verificationMethod || []).find(m => m.id === url || m.id === `#${fragment}`);
      if(!method) {
        throw new Error(`méthode de vérification absente du document DID / verification method not found: ${url}`);
      }
      return {contextUrl: null, documentUrl: url,
        document: {'@context': doc['@context'], ...method, id: url}};
    }
    // contexts: exact URL from the local files, anything else refused (never fetched)
    return contextLoader(url);
  };
}

function messagesOf(error, out = []) {
  if(!error) {
    return out;
  }
  if(Array.isArray(error)) {
    error.forEach(e => messagesOf(e, out));
    return out;
  }
  if(error.errors && Array.isArray(error.errors) && error.errors.length) {
    messagesOf(error.errors, out);
  } else {
    out.push(error.message || String(error));
  }
  return out;
}

function resultErrors(result) {
  const errors = [];
  if(result.error) {
    messagesOf(result.error, errors);
  }
  for(const r of result.results || []) {
    if(r.error) {
      messagesOf(r.error, errors);
    }
  }
  return [...new Set(errors)];
}

function decodeList(encodedList) {
  if(typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new Error('encodedList doit commencer par « u » / encodedList must start with "u"');
  }
  return gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), {maxOutputLength: MAX_LIST_BYTES});
}

function makeVerifier(documentLoader) {
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const state = {revoked: false};

  async function checkStatus({credential}) {
    const entries = [].concat(credential.credentialStatus || []);
    for(const entry of entries) {
      if(entry.type !== 'BitstringStatusListEntry') {
        return {verified: false, error: new Error(`statut non pris en charge / unsupported status: ${entry.type}`)};
      }
      const list = await fetchLoopbackJson(entry.statusListCredential);
      const listResult = await vc.verifyCredential({credential: list, suite, documentLoader});
      if(!listResult.verified) {
        return {verified: false, error: new Error('la liste de statut ne vérifie pas / status list does not ' +
          'verify: ' + resultErrors(listResult).join('; '))};
      }
      if(!(list.type || []).includes('BitstringStatusListCredential') ||
        list.credentialSubject?.statusPurpose !== entry.statusPurpose) {
        return {verified: false, error: new Error('liste de statut inattendue / unexpected status list')};
      }
      const index = Number.parseInt(entry.statusListIndex, 10);
      const bits = decodeList(list.credentialSubject.encodedList);
      if(!(index >= 0 && index < bits.length * 8) || String(index) !== String(entry.statusListIndex)) {
        return {verified: false, error: new Error(`index hors de la liste / index out of range: ${index}`)};
      }
      if((bits[index >> 3] >> (7 - (index % 8))) & 1) {
        if(entry.statusPurpose === 'revocation' || entry.statusPurpose === 'suspension') {
          state.revoked = true;
        }
      }
    }
    return {verified: true};
  }

  async function verifyOne(credential) {
    const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
    const errors = resultErrors(result);
    let verified = result.verified;
    for(const endorsement of [].concat(credential.endorsement || [])) {
      const sub = await vc.verifyCredential({credential: endorsement, suite, documentLoader, checkStatus});
      if(!sub.verified) {
        verified = false;
        errors.push(...resultErrors(sub).map(e => `endorsement ${endorsement.id}: ${e}`));
      }
    }
    return {verified, errors};
  }

  return {state, verifyOne};
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
    if(args.didWebBase && !isLoopbackHost(new URL(args.didWebBase).hostname)) {
      throw new Error(`--did-web-base doit être en boucle locale / must be loopback: ${args.didWebBase}`);
    }
  } catch(e) {
    console.error(e.message);
    process.exit(2);
  }
  const documentLoader = await buildDocumentLoader({contextsDir: args.contexts, didWebBase: args.didWebBase,
    pins: args.pins});
  let allGood = true;
  for(const file of args.files) {
    let line;
    try {
      const credential = JSON.parse(await readFile(file, 'utf8'));
      const {state, verifyOne} = makeVerifier(documentLoader);
      const {verified, errors} = await verifyOne(credential);
      line = {file, verified, revoked: state.revoked, errors};
    } catch(e) {
      line = {file, verified: false, revoked: false, errors: [e.message || String(e)]};
    }
    allGood = allGood && line.verified && !line.revoked;
    console.log(JSON.stringify(line));
  }
  process.exit(allGood ? 0 : 1);
}

main();
