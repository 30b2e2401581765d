export { matchingService } from './matching.service';
