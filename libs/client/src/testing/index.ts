export { ResponseContract, type Answer } from './response-contract';
export { ContractViolation, contractCheck, contractChecked, expectContractKept } from './contract-checked';
