const forge = require('node-forge'); const fs = require('fs');
const { plainAddPlaceholder } = require('@signpdf/placeholder-plain');
const signpdf = require('@signpdf/signpdf').default;
const { Signer } = require('@signpdf/utils');
class S extends Signer { constructor(p12, pw){super();this.p12=p12;this.pw=pw;}
 async sign(buf, when){ const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(this.p12.toString('binary'))), false, this.pw);
  const certs = p12.getBags({bagType: forge.pki.oids.certBag})[forge.pki.oids.certBag].map(b=>b.cert);
  const key = p12.getBags({bagType: forge.pki.oids.pkcs8ShroudedKeyBag})[forge.pki.oids.pkcs8ShroudedKeyBag][0].key;
  const p7 = forge.pkcs7.createSignedData(); p7.content = forge.util.createBuffer(buf.toString('binary'));
  let me; for (const c of certs){ p7.addCertificate(c); if (c.publicKey.n.equals(key.n)) me=c; }
  const issuer = me.issuer.attributes.map(a => a.valueTagClass === forge.asn1.Type.UTF8 ? {...a, value: forge.util.decodeUtf8(a.value)} : a);
  p7.addSigner({key, certificate: me, digestAlgorithm: forge.pki.oids.sha256, authenticatedAttributes:[{type: forge.pki.oids.contentType, value: forge.pki.oids.data},{type: forge.pki.oids.signingTime, value: when ?? new Date()},{type: forge.pki.oids.messageDigest}]});
  p7.signers[0].issuer = issuer;
  p7.sign({detached:true}); return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(),'binary'); } }
(async()=>{
 const key = forge.pki.privateKeyFromPem(require('crypto').generateKeyPairSync('rsa',{modulusLength:2048}).privateKey.export({type:'pkcs1',format:'pem'}));
 const cert = forge.pki.createCertificate(); cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e); cert.serialNumber='0123ab';
 cert.validity.notBefore=new Date(); cert.validity.notAfter=new Date(Date.now()+3e11);
 const attrs=[{name:'commonName',value:'duthao — chứng thư tự ký, không dùng cho văn bản chính thức',valueTagClass:forge.asn1.Type.UTF8},{name:'countryName',value:'VN'}];
 cert.setSubject(attrs); cert.setIssuer(attrs); cert.sign(key, forge.md.sha256.create());
 const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key,[cert],'pw',{algorithm:'aes256'})).getBytes(),'binary');
 const pdf = fs.readFileSync('/tmp/sigproto/in.pdf');
 const ph = plainAddPlaceholder({pdfBuffer:pdf, reason:'Phe duyet', contactInfo:'', name:'duthao', location:'Quang Ninh', signatureLength: 8192});
 fs.writeFileSync('/tmp/sigproto/signed2.pdf', await signpdf.sign(ph, new S(p12,'pw')));
})();
